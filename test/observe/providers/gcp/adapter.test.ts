// The Google Cloud DNS adapter through the official SDK (@google-cloud/dns, with Application
// Default Credentials exchanged at the emulated STS) against the lab's wire-level emulator, over
// loopback: what zones it reads, how it pages, and every way it can fail.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type EmulatedGoogleProject,
  type GoogleCloudDnsEmulator,
  startGoogleCloudDnsEmulator,
} from "../../../../src/lab/google-cloud-dns-emulator.js";
import { openGoogleCloudDns } from "../../../../src/observe/providers/gcp/provider.js";
import type { ProviderObserver } from "../../../../src/observe/providers/types.js";

let emulator: GoogleCloudDnsEmulator;
let dir: string;
let projects = 0;

beforeAll(async () => {
  emulator = await startGoogleCloudDnsEmulator();
  dir = await mkdtemp(join(tmpdir(), "domain-drift-gcp-"));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

/** A project the returned credentials file may read. */
async function readableProject(): Promise<{ project: EmulatedGoogleProject; credentials: string }> {
  projects += 1;
  const project = emulator.addProject(`lab-project-${projects}`);
  const identity = emulator.addIdentity();
  project.grantReader(identity);
  return { project, credentials: await identity.writeCredentials(dir) };
}

function open(project: string, env: Record<string, string | undefined>): ProviderObserver {
  return openGoogleCloudDns({
    accounts: [{ id: "gcp", provider: "google-cloud-dns", settings: { project } }],
    cacheDir: undefined,
    requestsPerSecond: undefined,
    // An empty gcloud configuration: no application-default login of whoever runs the tests.
    env: { CLOUDSDK_API_ENDPOINT_OVERRIDES_DNS: emulator.baseUrl, CLOUDSDK_CONFIG: dir, ...env },
  });
}

describe("Google Cloud DNS zones", () => {
  it("reads a public zone's name servers; private zones are not on the internet", async () => {
    const { project, credentials } = await readableProject();
    const zone = project.addZone({
      dnsName: "shop.example",
      nameServers: ["NS-CLOUD-B1.googledomains.com.", "ns-cloud-b2.googledomains.com."],
    });
    project.addZone({ dnsName: "internal.example", visibility: "private" });
    const observer = open(project.id, { GOOGLE_APPLICATION_CREDENTIALS: credentials });
    const found = await observer.dnsHost?.zones("shop.example", "gcp");
    expect(found).toEqual({
      kind: "found",
      account: "gcp",
      zones: [
        {
          id: expect.stringMatching(/^shop-example-/),
          name: "shop.example",
          recordCount: undefined,
          delegationSet: ["ns-cloud-b1.googledomains.com", "ns-cloud-b2.googledomains.com"],
          status: "active",
        },
      ],
    });
    expect(zone.id).toMatch(/^[0-9]+$/);
    expect(await observer.dnsHost?.zones("internal.example", "gcp")).toEqual({
      kind: "none",
      account: "gcp",
    });
    const listing = await observer.dnsHost?.listZones("gcp");
    expect(listing?.kind === "ok" && listing.items.map((z) => z.name)).toEqual(["shop.example"]);
  });

  it("lists a project once, page by page, for every domain of a scan", async () => {
    const { project, credentials } = await readableProject();
    for (let i = 0; i < 250; i += 1)
      project.addZone({ dnsName: `z${String(i).padStart(3, "0")}.example` });
    const observer = open(project.id, { GOOGLE_APPLICATION_CREDENTIALS: credentials });
    emulator.resetCounters();
    const answers = await Promise.all(
      ["z000.example", "z249.example", "z120.example"].map((name) =>
        observer.dnsHost?.zones(name, "gcp"),
      ),
    );
    expect(answers.map((answer) => answer?.kind)).toEqual(["found", "found", "found"]);
    expect(emulator.calls()).toEqual({ "sts.token": 1, "managedZones.list": 3 });
    expect(
      emulator.requestLog
        .filter((r) => r.operation === "managedZones.list")
        .map((r) => new URL(r.path, "http://x").searchParams.get("pageToken")),
    ).toEqual([null, "100", "200"]);
    expect(observer.stats().calls).toEqual({ "managedZones.list": 3 });
  });

  it("sees only the declared project's zones", async () => {
    const ours = await readableProject();
    const theirs = await readableProject();
    theirs.project.addZone({ dnsName: "elsewhere.example" });
    const observer = open(ours.project.id, { GOOGLE_APPLICATION_CREDENTIALS: ours.credentials });
    expect(await observer.dnsHost?.zones("elsewhere.example", "gcp")).toMatchObject({
      kind: "none",
    });
  });
});

describe("Google Cloud DNS failures are reasons, never a crash or an empty answer", () => {
  it("no credentials: not asked, saying where they were looked for", async () => {
    const observer = open("lab-project-none", {});
    emulator.resetCounters();
    expect(await observer.dnsHost?.zones("a.example", "gcp")).toEqual({
      kind: "unavailable",
      account: "gcp",
      reason:
        "no Google credentials: GOOGLE_APPLICATION_CREDENTIALS is not set and there is no gcloud application-default login (the credentials of project lab-project-none)",
      deniedAction: undefined,
    });
    expect(emulator.requestLog).toEqual([]);
  });

  it("a credentials file that is not JSON: its text (secrets and all) never in the reason", async () => {
    const secret = "-----BEGIN PRIVATE KEY-----MIIEvQIBADANBgkqhkiG9w0BAQEFAASC";
    const path = join(dir, "broken.json");
    await writeFile(path, `{"type": "service_account", "private_key": "${secret}`);
    const result = await open("lab-project-x", {
      GOOGLE_APPLICATION_CREDENTIALS: path,
    }).dnsHost?.zones("a.example", "gcp");
    expect(result).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(result)).toContain("is not JSON");
    expect(JSON.stringify(result)).not.toContain("MIIEvQ");
  });

  it("refused credentials: the token service's answer, and the subject token never in it", async () => {
    const path = join(dir, "stranger.json");
    const identity = emulator.addIdentity();
    const good = await identity.writeCredentials(dir);
    // The same file, with a subject token STS does not know.
    const stranger = JSON.parse(await readFile(good, "utf8")) as {
      credential_source: { file: string };
    };
    const tokenFile = join(dir, "stranger.token");
    await writeFile(tokenFile, "forged-subject-token-0123456789");
    stranger.credential_source.file = tokenFile;
    await writeFile(path, JSON.stringify(stranger));
    const result = await open("lab-project-1", {
      GOOGLE_APPLICATION_CREDENTIALS: path,
    }).dnsHost?.zones("a.example", "gcp");
    expect(result).toMatchObject({ kind: "unavailable", deniedAction: undefined });
    expect(JSON.stringify(result)).toContain("token service refused the credentials");
    expect(JSON.stringify(result)).toContain("invalid_grant");
    expect(JSON.stringify(result)).not.toContain("forged-subject-token");
  });

  it("credentials without roles/dns.reader on the project: 403, naming the permission", async () => {
    const { project } = await readableProject();
    const outsider = await emulator.addIdentity().writeCredentials(dir);
    expect(
      await open(project.id, { GOOGLE_APPLICATION_CREDENTIALS: outsider }).dnsHost?.zones(
        "a.example",
        "gcp",
      ),
    ).toMatchObject({ kind: "unavailable", deniedAction: "dns.managedZones.list" });
  });

  it("rate limited: retried by the SDK, then a reason", async () => {
    const { project, credentials } = await readableProject();
    project.addZone({ dnsName: "busy.example" });
    emulator.faults.rateLimit("managedZones.list", 1);
    emulator.resetCounters();
    const patient = open(project.id, { GOOGLE_APPLICATION_CREDENTIALS: credentials });
    expect((await patient.dnsHost?.zones("busy.example", "gcp"))?.kind).toBe("found");
    expect(emulator.calls()["managedZones.list"]).toBe(2);

    emulator.faults.rateLimit("managedZones.list", 3);
    const result = await open(project.id, {
      GOOGLE_APPLICATION_CREDENTIALS: credentials,
    }).dnsHost?.zones("busy.example", "gcp");
    expect(result).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(result)).toContain("rate-limited managedZones.list (429");
    emulator.faults.clear();
  }, 30_000);

  it.each([
    ["an HTML page", "<html>maintenance</html>", "not a dns#managedZonesListResponse"],
    ["an empty object", {}, "not a dns#managedZonesListResponse"],
    [
      "zones that are not a list",
      { kind: "dns#managedZonesListResponse", managedZones: {} },
      "managedZones is not a list",
    ],
    [
      "a zone with an unknown visibility",
      {
        kind: "dns#managedZonesListResponse",
        managedZones: [{ name: "x", dnsName: "x.example.", id: "1", visibility: "secret" }],
      },
      "unknown visibility",
    ],
    [
      "a name server that is no host name",
      {
        kind: "dns#managedZonesListResponse",
        managedZones: [
          { name: "x", dnsName: "x.example.", id: "1", nameServers: ["a b\u001b[31m"] },
        ],
      },
      "not letters, digits and hyphens",
    ],
    [
      "too many zones",
      {
        kind: "dns#managedZonesListResponse",
        managedZones: Array.from({ length: 101 }, () => ({})),
      },
      "more than the 100 zones",
    ],
  ])("a hostile answer (%s) is unavailable with the problem", async (_, body, problem) => {
    const { project, credentials } = await readableProject();
    emulator.faults.answer("managedZones.list", body);
    const result = await open(project.id, {
      GOOGLE_APPLICATION_CREDENTIALS: credentials,
    }).dnsHost?.zones("x.example", "gcp");
    expect(result).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(result)).toContain(problem);
    emulator.faults.clear();
  });

  it("a listing that never ends is cut at its bound", async () => {
    const { project, credentials } = await readableProject();
    const endless = { kind: "dns#managedZonesListResponse", nextPageToken: "again" };
    emulator.faults.answer("managedZones.list", endless, 1_000);
    emulator.resetCounters();
    const result = await open(project.id, {
      GOOGLE_APPLICATION_CREDENTIALS: credentials,
    }).dnsHost?.zones("x.example", "gcp");
    expect(result).toMatchObject({ kind: "unavailable" });
    expect(JSON.stringify(result)).toContain("more than 10000 entries");
    expect(emulator.calls()["managedZones.list"]).toBe(100);
    emulator.faults.clear();
  });
});
