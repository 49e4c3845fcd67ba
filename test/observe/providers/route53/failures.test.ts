// Every way a call can fail ends as an "unavailable" value with a reason a person can act on,
// never a throw, never a false answer, never a secret in the text.
import { createServer } from "node:net";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { AccessKey, EmulatedAccount } from "../../../../src/lab/aws-emulator.js";
import { clearEnvironmentCredentials, useAwsLab, useEnvironmentCredentials } from "./aws-lab.js";

const lab = useAwsLab();
let account: EmulatedAccount;
let key: AccessKey;

beforeAll(() => {
  ({ account, key } = lab.account());
  account.registerDomain({ name: "registered.example" });
  account.addHostedZone({ name: "hosted.example" });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("credentials", () => {
  it("missing credentials: unavailable with the reason, and no request sent anywhere", async () => {
    clearEnvironmentCredentials();
    lab.emulator.resetCounters();
    const before = lab.connections.attempts.length;
    const observer = lab.observer();
    const registration = await observer.registration("registered.example", undefined);
    const zones = await observer.hostedZones("hosted.example", undefined);
    for (const result of [registration, zones]) {
      expect(result.kind).toBe("unavailable");
      if (result.kind !== "unavailable") continue;
      expect(result.account).toBe("default");
      expect(result.reason).toMatch(
        /AWS credentials for account "default" could not be loaded from the default credential chain/,
      );
      expect(result.deniedAction).toBeUndefined();
    }
    expect(lab.emulator.requestLog).toHaveLength(0);
    expect(lab.connections.attempts.length).toBe(before);
  });

  it("expired token on either API: unavailable saying the credentials expired", async () => {
    const { key: shortLived } = lab.account();
    useEnvironmentCredentials(shortLived);
    lab.emulator.expireAccessKey(shortLived.accessKeyId);
    const observer = lab.observer();
    const registration = await observer.registration("registered.example", undefined);
    const zones = await observer.hostedZones("hosted.example", undefined);
    expect(registration).toMatchObject({ kind: "unavailable", deniedAction: undefined });
    expect(zones).toMatchObject({ kind: "unavailable", deniedAction: undefined });
    if (registration.kind === "unavailable")
      expect(registration.reason).toMatch(/have expired \(ExpiredTokenException\)/);
    if (zones.kind === "unavailable") expect(zones.reason).toMatch(/have expired \(ExpiredToken\)/);
    // An expired token is not retried.
    expect(observer.stats().attempts).toEqual({ ListDomains: 1, ListHostedZones: 1 });
  });

  it("an unknown key: unavailable saying AWS rejected the credentials", async () => {
    useEnvironmentCredentials({
      accessKeyId: "AKIAUNKNOWN000000000",
      secretAccessKey: "s".repeat(40),
    });
    const result = await lab.observer().hostedZones("hosted.example", undefined);
    expect(result).toMatchObject({ kind: "unavailable" });
    if (result.kind === "unavailable") {
      expect(result.reason).toMatch(
        /AWS rejected the credentials of account "default" when calling ListHostedZones \(InvalidClientTokenId\)/,
      );
      expect(result.reason).not.toContain("AKIAUNKNOWN000000000");
    }
  });
});

describe("refusals and throttling", () => {
  beforeAll(() => useEnvironmentCredentials(key));

  it("AccessDenied: unavailable naming the denied IAM action", async () => {
    lab.emulator.faults.deny("GetDomainDetail", account.accountId);
    lab.emulator.faults.deny("GetHostedZone", account.accountId);
    const observer = lab.observer();
    const registration = await observer.registration("registered.example", undefined);
    const zones = await observer.hostedZones("hosted.example", undefined);
    lab.emulator.faults.allow("GetDomainDetail");
    lab.emulator.faults.allow("GetHostedZone");
    expect(registration).toMatchObject({
      kind: "unavailable",
      deniedAction: "route53domains:GetDomainDetail",
    });
    expect(zones).toMatchObject({ kind: "unavailable", deniedAction: "route53:GetHostedZone" });
    if (registration.kind === "unavailable") {
      expect(registration.reason).toContain(
        "may not call route53domains:GetDomainDetail (AccessDeniedException)",
      );
    }
    // A domain not in the account is still known not to be there: ListDomains was allowed.
    expect((await observer.registration("absent.example", undefined)).kind).toBe("not-in-account");
  });

  it("a denied listing makes every domain of the account unavailable, from one call", async () => {
    lab.emulator.resetCounters();
    lab.emulator.faults.deny("ListDomains");
    const observer = lab.observer();
    const results = await Promise.all(
      ["a.example", "b.example", "registered.example"].map((d) =>
        observer.registration(d, undefined),
      ),
    );
    lab.emulator.faults.allow("ListDomains");
    expect(results.map((r) => r.kind)).toEqual(["unavailable", "unavailable", "unavailable"]);
    expect(results[0]).toMatchObject({ deniedAction: "route53domains:ListDomains" });
    expect(lab.emulator.callCount("ListDomains")).toBe(1);
  });

  it("throttling is retried to success, and counted as extra attempts", async () => {
    lab.emulator.resetCounters();
    lab.emulator.faults.throttle("ListHostedZones", 2);
    lab.emulator.faults.throttle("ListDomains", 2);
    const observer = lab.observer({ maxAttempts: 5 });
    // Concurrently: the SDK's adaptive mode slows each client down after a throttle.
    const [zones, registration] = await Promise.all([
      observer.hostedZones("hosted.example", undefined),
      observer.registration("registered.example", undefined),
    ]);
    expect(zones.kind).toBe("found");
    expect(registration.kind).toBe("registered");
    expect(lab.emulator.callCount("ListHostedZones")).toBe(3);
    expect(lab.emulator.callCount("ListDomains")).toBe(3);
    expect(observer.stats()).toEqual({
      calls: { ListHostedZones: 1, GetHostedZone: 1, ListDomains: 1, GetDomainDetail: 1 },
      attempts: { ListHostedZones: 3, GetHostedZone: 1, ListDomains: 3, GetDomainDetail: 1 },
    });
  });

  it("throttling beyond the attempts: unavailable, not a false answer", async () => {
    lab.emulator.faults.throttle("GetDomainDetail", 100);
    const observer = lab.observer({ maxAttempts: 3 });
    const result = await observer.registration("registered.example", undefined);
    lab.emulator.faults.throttle("GetDomainDetail", 0);
    expect(result).toMatchObject({ kind: "unavailable", deniedAction: undefined });
    if (result.kind === "unavailable") {
      expect(result.reason).toBe(
        'AWS throttled GetDomainDetail for account "default" after 3 attempts (ThrottlingException)',
      );
    }
    expect(observer.stats().attempts.GetDomainDetail).toBe(3);
  });
});

describe("other failures", () => {
  beforeAll(() => useEnvironmentCredentials(key));

  it("an unreachable endpoint: unavailable with the network error", async () => {
    const saved = process.env.AWS_ENDPOINT_URL_ROUTE_53_DOMAINS;
    process.env.AWS_ENDPOINT_URL_ROUTE_53_DOMAINS = `http://127.0.0.1:${await closedPort()}`;
    try {
      const result = await lab
        .observer({ maxAttempts: 2 })
        .registration("registered.example", undefined);
      expect(result).toMatchObject({ kind: "unavailable" });
      if (result.kind === "unavailable") {
        expect(result.reason).toMatch(
          /^could not reach the AWS API for ListDomains \(account "default"\): ECONNREFUSED/,
        );
      }
    } finally {
      process.env.AWS_ENDPOINT_URL_ROUTE_53_DOMAINS = saved;
    }
  });

  it("an account the policy does not define: unavailable, no call", async () => {
    lab.emulator.resetCounters();
    const observer = lab.observer();
    expect(await observer.registration("registered.example", "legacy")).toEqual({
      kind: "unavailable",
      account: "legacy",
      reason: 'AWS account "legacy" is not defined in the policy\'s accounts',
      deniedAction: undefined,
    });
    expect(lab.emulator.requestLog).toHaveLength(0);
  });

  it("after close: unavailable, no call", async () => {
    const observer = lab.observer();
    await observer.close();
    lab.emulator.resetCounters();
    expect(await observer.hostedZones("hosted.example", undefined)).toMatchObject({
      kind: "unavailable",
      reason: "the AWS observer was closed",
    });
    expect(lab.emulator.requestLog).toHaveLength(0);
  });

  it("calls waiting for the rate limiter end as unavailable when the observer closes", async () => {
    // One request per 1000 s: ListDomains goes at once, GetDomainDetail then waits for the rate
    // limiter far longer than this test may run, so only the close can end its wait.
    const observer = lab.observer({ requestsPerSecond: 0.001 });
    lab.emulator.resetCounters();
    const pending = observer.registration("registered.example", undefined);
    await vi.waitFor(() => expect(lab.emulator.requestLog).toHaveLength(1), { timeout: 20_000 });
    await observer.close();
    expect(await pending).toMatchObject({
      kind: "unavailable",
      reason: "the AWS observer was closed",
    });
    expect(lab.emulator.requestLog.map((r) => r.operation)).toEqual(["ListDomains"]);
  });
});

describe("secrets never reach a reason", () => {
  it("redacts a session token echoed in SignatureDoesNotMatch", async () => {
    const role = lab.emulator.addRole({ accountId: account.accountId, name: "reader" });
    // Obtain temporary credentials over the STS wire protocol, as any client would.
    const response = await fetch(lab.emulator.url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `AWS4-HMAC-SHA256 Credential=${key.accessKeyId}/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00`,
      },
      body: new URLSearchParams({
        Action: "AssumeRole",
        Version: "2011-06-15",
        RoleArn: role.arn,
        RoleSessionName: "test",
      }).toString(),
    });
    const text = await response.text();
    const field = (name: string): string =>
      new RegExp(`<${name}>([^<]+)</${name}>`).exec(text)?.[1] ?? "";
    const temporary: AccessKey = {
      accessKeyId: field("AccessKeyId"),
      secretAccessKey: field("SecretAccessKey"),
      sessionToken: field("SessionToken"),
    };
    expect(temporary.sessionToken?.length).toBeGreaterThan(100);
    useEnvironmentCredentials(temporary);
    lab.emulator.faults.rejectSignature("ListHostedZones", 1);
    const result = await lab.observer().hostedZones("hosted.example", undefined);
    const raw = lab.emulator.requestLog.at(-1);
    expect(raw).toMatchObject({ errorCode: "SignatureDoesNotMatch" });
    expect(result.kind).toBe("unavailable");
    if (result.kind !== "unavailable") return;
    expect(result.reason).toContain("SignatureDoesNotMatch");
    for (const secret of [
      temporary.sessionToken ?? "",
      temporary.secretAccessKey,
      temporary.accessKeyId,
    ]) {
      expect(result.reason).not.toContain(secret);
    }
    expect(result.reason).not.toMatch(/Signature=[0-9a-f]{16,}/);
    useEnvironmentCredentials(key);
  });
});
