// The Azure DNS adapter's credentials beyond a client secret, through @azure/identity against the
// lab's HTTPS emulator, over loopback: a workload identity's federated token (WorkloadIdentity-
// Credential, a client assertion at the token endpoint) and the Azure CLI's login (AzureCliCredential
// running `az account get-access-token`). No Azure CLI can be installed on this machine (it is a
// Python application of several hundred MB from Microsoft's own repository), so an `az` shim on
// PATH prints what the real one prints. Missing or refused: a reason, never a wait or a secret.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AzureDnsEmulator,
  type EmulatedAzureSubscription,
  startAzureDnsEmulator,
} from "../../../../src/lab/azure-dns-emulator.js";
import { openAzureDns } from "../../../../src/observe/providers/azure/provider.js";
import type { ProviderObserver } from "../../../../src/observe/providers/types.js";
import { labTls } from "../../../support/lab-tls.js";

let emulator: AzureDnsEmulator;
let dir: string;

beforeAll(async () => {
  emulator = await startAzureDnsEmulator(await labTls());
  dir = await mkdtemp(join(tmpdir(), "domain-drift-azure-credentials-"));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

function open(
  subscription: EmulatedAzureSubscription,
  credential: string,
  env: Record<string, string | undefined>,
): ProviderObserver {
  return openAzureDns({
    accounts: [
      {
        id: "az",
        provider: "azure-dns",
        settings: { subscriptionId: subscription.id, credential },
      },
    ],
    cacheDir: undefined,
    requestsPerSecond: undefined,
    env: {
      AZURE_AUTHORITY_HOST: emulator.origin,
      AZURE_RESOURCE_MANAGER_ENDPOINT: emulator.origin,
      ...env,
    },
  });
}

function subscriptionWithZone(): EmulatedAzureSubscription {
  const subscription = emulator.addSubscription();
  subscription.addZone({ name: "shop.example" });
  return subscription;
}

describe("workload-identity: a federated token from AZURE_FEDERATED_TOKEN_FILE", () => {
  it("exchanges the token as a client assertion and lists the zones", async () => {
    const subscription = subscriptionWithZone();
    const identity = emulator.addWorkloadIdentity();
    subscription.grantReader(identity);
    const tokenFile = join(dir, "federated-ok.jwt");
    await writeFile(tokenFile, identity.assertion);
    emulator.resetCounters();
    const observer = open(subscription, "workload-identity", {
      AZURE_TENANT_ID: identity.tenantId,
      AZURE_CLIENT_ID: identity.clientId,
      AZURE_FEDERATED_TOKEN_FILE: tokenFile,
    });
    expect((await observer.dnsHost?.zones("shop.example", "az"))?.kind).toBe("found");
    expect(emulator.calls()).toMatchObject({ token: 1, "dnsZones.list": 1 });
  });

  it("a token the app does not trust: refused, naming the workload identity, the token never in it", async () => {
    const subscription = subscriptionWithZone();
    const identity = emulator.addWorkloadIdentity();
    subscription.grantReader(identity);
    const stranger = emulator.addWorkloadIdentity();
    const tokenFile = join(dir, "federated-wrong.jwt");
    await writeFile(tokenFile, stranger.assertion);
    const answer = await open(subscription, "workload-identity", {
      AZURE_TENANT_ID: identity.tenantId,
      AZURE_CLIENT_ID: identity.clientId,
      AZURE_FEDERATED_TOKEN_FILE: tokenFile,
    }).dnsHost?.zones("shop.example", "az");
    expect(answer).toMatchObject({ kind: "unavailable" });
    const text = JSON.stringify(answer);
    expect(text).toContain("the Microsoft identity platform refused the workload identity");
    expect(text).toContain("AADSTS70021");
    expect(text).not.toContain(stranger.assertion);
  });

  it.each([
    [
      "the variables unset",
      { AZURE_TENANT_ID: "t" },
      "no Azure credentials: AZURE_CLIENT_ID, AZURE_FEDERATED_TOKEN_FILE are not set (a workload identity for subscription",
    ],
    [
      "the token file missing",
      {
        AZURE_TENANT_ID: "t",
        AZURE_CLIENT_ID: "c",
        AZURE_FEDERATED_TOKEN_FILE: "/nonexistent/token.jwt",
      },
      "the federated token file /nonexistent/token.jwt (AZURE_FEDERATED_TOKEN_FILE) cannot be used",
    ],
  ])("%s: not asked, with the reason", async (_, env, reason) => {
    const subscription = subscriptionWithZone();
    emulator.resetCounters();
    const answer = await open(subscription, "workload-identity", env).dnsHost?.zones(
      "shop.example",
      "az",
    );
    expect(answer).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(answer)).toContain(reason);
    expect(emulator.requestLog).toEqual([]);
  });
});

describe("azure-cli: the Azure CLI's login", () => {
  /** Runs `work` with PATH holding only `bin` before the system's directories. */
  async function withPath<T>(
    bin: string,
    work: () => Promise<T> | undefined,
  ): Promise<T | undefined> {
    const saved = process.env.PATH;
    process.env.PATH = `${bin}:/usr/bin:/bin`;
    try {
      return await work();
    } finally {
      process.env.PATH = saved;
    }
  }

  /** A directory with an `az` that logs its arguments and prints `stdout` (or fails with `stderr`). */
  async function azShim(name: string, stdout: string, stderr = ""): Promise<string> {
    const bin = join(dir, name);
    await mkdir(bin);
    await writeFile(join(bin, "out.json"), stdout);
    await writeFile(join(bin, "err.txt"), stderr);
    const script = `#!/bin/sh
echo "$@" > "${bin}/args.txt"
cat "${bin}/err.txt" >&2
cat "${bin}/out.json"
[ -s "${bin}/err.txt" ] && exit 1
exit 0
`;
    await writeFile(join(bin, "az"), script);
    await chmod(join(bin, "az"), 0o755);
    return bin;
  }

  it("a logged-in CLI: its token lists the zones; asked for ARM's resource", async () => {
    const subscription = subscriptionWithZone();
    const principal = emulator.addServicePrincipal();
    subscription.grantReader(principal);
    const accessToken = emulator.issueToken(principal);
    const bin = await azShim(
      "az-logged-in",
      JSON.stringify({
        accessToken,
        expiresOn: "2099-01-01 00:00:00.000000",
        expires_on: 4_070_908_800,
        subscription: subscription.id,
        tenant: principal.tenantId,
        tokenType: "Bearer",
      }),
    );
    emulator.resetCounters();
    const answer = await withPath(bin, () =>
      open(subscription, "azure-cli", {}).dnsHost?.zones("shop.example", "az"),
    );
    expect(answer?.kind).toBe("found");
    // No call to the identity platform: the CLI holds the login.
    expect(emulator.calls()).toEqual({ "dnsZones.list": 1 });
    expect(await readFile(join(bin, "args.txt"), "utf8")).toContain(
      "account get-access-token --output json --resource https://management.azure.com",
    );
  });

  it("not logged in: not checked, saying to log in", async () => {
    const subscription = subscriptionWithZone();
    const bin = await azShim(
      "az-logged-out",
      "",
      "ERROR: Please run 'az login' to setup account.\n",
    );
    const answer = await withPath(bin, () =>
      open(subscription, "azure-cli", {}).dnsHost?.zones("shop.example", "az"),
    );
    expect(answer).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(answer)).toContain("the Azure CLI login cannot be used for subscription");
    expect(JSON.stringify(answer)).toContain("az login");
  });

  it("no Azure CLI on PATH: not checked, saying it is not installed", async () => {
    const subscription = subscriptionWithZone();
    const empty = await mkdtemp(join(dir, "no-az-"));
    const answer = await withPath(empty, () =>
      open(subscription, "azure-cli", {}).dnsHost?.zones("shop.example", "az"),
    );
    expect(answer).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(answer)).toMatch(
      /the Azure CLI login cannot be used.*Azure CLI could not be found/,
    );
  });
});

it("an unknown credential kind is a reason (the policy schema refuses it first)", async () => {
  const answer = await open(subscriptionWithZone(), "managed-identity", {}).dnsHost?.zones(
    "shop.example",
    "az",
  );
  expect(answer).toMatchObject({ kind: "unavailable" });
  expect(JSON.stringify(answer)).toContain("names an unknown credential");
});
