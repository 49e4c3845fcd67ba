// `domain-drift update-data` end to end against a loopback mirror serving good and bad files.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EMBEDDED_NAMED_ROOT } from "../../../src/data/named-root.js";
import {
  loadRdapBootstrap,
  loadRootHintsText,
  loadRoute53Ranges,
} from "../../../src/data/reference-data.js";
import { ExitCode } from "../../../src/report/model/exit-codes.js";
import { type CliRun, runCliBinary, runCliInProcess } from "../../support/cli.js";

const GOOD_BOOTSTRAP = JSON.stringify({
  description: "RDAP bootstrap file for Domain Name System registrations",
  publication: "2026-09-01T02:00:00Z",
  services: [
    [["com", "net"], ["https://rdap.verisign.com/com/v1/"]],
    [["org"], ["https://rdap.publicinterestregistry.org/rdap/"]],
  ],
  version: "1.0",
});
const GOOD_ROOT_HINTS = EMBEDDED_NAMED_ROOT.replace("2026052101", "2026090101");
// The full AWS file mixes every service; only ROUTE53 entries are kept.
const GOOD_IP_RANGES = JSON.stringify({
  syncToken: "1790000000",
  createDate: "2026-09-21-13-33-20",
  prefixes: [
    {
      ip_prefix: "3.5.140.0/22",
      region: "ap-northeast-2",
      service: "AMAZON",
      network_border_group: "ap-northeast-2",
    },
    {
      ip_prefix: "205.251.192.0/21",
      region: "GLOBAL",
      service: "ROUTE53",
      network_border_group: "GLOBAL",
    },
    {
      ip_prefix: "54.239.0.0/28",
      region: "GLOBAL",
      service: "ROUTE53_HEALTHCHECKS",
      network_border_group: "GLOBAL",
    },
  ],
  ipv6_prefixes: [
    {
      ipv6_prefix: "2600:9000:5300::/45",
      region: "GLOBAL",
      service: "ROUTE53",
      network_border_group: "GLOBAL",
    },
    {
      ipv6_prefix: "2600:1f14::/35",
      region: "us-west-2",
      service: "EC2",
      network_border_group: "us-west-2",
    },
  ],
});

type Served = { status: number; body: string };
let files: Map<string, Served>;
let requests: string[];
let server: Server;
let mirror: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    const served = files.get(req.url ?? "") ?? { status: 404, body: "not found" };
    res.writeHead(served.status, { "content-length": Buffer.byteLength(served.body) });
    res.end(served.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mirror/`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

let cacheDir: string;
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), "dd-update-"));
  requests = [];
  files = new Map([
    ["/mirror/dns.json", { status: 200, body: GOOD_BOOTSTRAP }],
    ["/mirror/named.root", { status: 200, body: GOOD_ROOT_HINTS }],
    ["/mirror/ip-ranges.json", { status: 200, body: GOOD_IP_RANGES }],
  ]);
});
afterEach(() => rm(cacheDir, { recursive: true, force: true }));

function run(...args: string[]): Promise<CliRun> {
  return runCliInProcess(["update-data", ...args], { cwd: cacheDir });
}

const snapshot = async (): Promise<Record<string, string>> => {
  const dir = join(cacheDir, "data");
  const names = await readdir(dir).catch(() => [] as string[]);
  const entries = await Promise.all(
    names.map(async (name) => [name, await readFile(join(dir, name), "utf8")]),
  );
  return Object.fromEntries(entries);
};

describe("update-data", () => {
  it("downloads, validates and installs all three files, and the loaders then use them", async () => {
    const { exitCode, stdout, stderr } = await run(
      "--cache-dir",
      cacheDir,
      "--source-base",
      mirror,
    );
    expect(stderr).toBe("");
    expect(exitCode).toBe(ExitCode.Ok);
    expect(stdout).toBe(
      [
        `Reference data in ${join(cacheDir, "data")}:`,
        "  iana-rdap-dns.json: 2026-07-23T02:00:03Z (embedded) → 2026-09-01T02:00:00Z",
        "  named.root: 2026052101 (embedded) → 2026090101",
        "  aws-route53-ip-ranges.json: 2026-08-22-15-17-05 (embedded) → 2026-09-21-13-33-20",
        "  registries.json: 2026-12-04 (embedded; curated, updated with releases, not downloaded)",
        "",
      ].join("\n"),
    );
    expect(requests.sort()).toEqual([
      "/mirror/dns.json",
      "/mirror/ip-ranges.json",
      "/mirror/named.root",
    ]);

    const written = await snapshot();
    expect(Object.keys(written).sort()).toEqual([
      "aws-route53-ip-ranges.json",
      "iana-rdap-dns.json",
      "named.root",
    ]);
    expect(written["named.root"]).toBe(GOOD_ROOT_HINTS);
    expect(JSON.parse(written["aws-route53-ip-ranges.json"] ?? "")).toEqual({
      syncToken: "1790000000",
      createDate: "2026-09-21-13-33-20",
      prefixes: [
        {
          ip_prefix: "205.251.192.0/21",
          region: "GLOBAL",
          service: "ROUTE53",
          network_border_group: "GLOBAL",
        },
      ],
      ipv6_prefixes: [
        {
          ipv6_prefix: "2600:9000:5300::/45",
          region: "GLOBAL",
          service: "ROUTE53",
          network_border_group: "GLOBAL",
        },
      ],
    });

    expect(await loadRdapBootstrap({ cacheDir })).toMatchObject({
      origin: "cache",
      version: "2026-09-01T02:00:00Z",
    });
    expect(await loadRootHintsText({ cacheDir })).toMatchObject({
      origin: "cache",
      version: "2026090101",
    });
    expect(await loadRoute53Ranges({ cacheDir })).toMatchObject({
      origin: "cache",
      version: "2026-09-21-13-33-20",
    });
  });

  it("says unchanged on a second run with the same data", async () => {
    expect((await run("--cache-dir", cacheDir, "--source-base", mirror)).exitCode).toBe(
      ExitCode.Ok,
    );
    const { exitCode, stdout } = await run("--cache-dir", cacheDir, "--source-base", mirror);
    expect(exitCode).toBe(ExitCode.Ok);
    expect(stdout).toContain("  named.root: 2026090101 (cache), unchanged");
    expect(stdout).toContain("  iana-rdap-dns.json: 2026-09-01T02:00:00Z (cache), unchanged");
  });

  it("resolves a relative cache dir against the working directory", async () => {
    expect((await run("--cache-dir", "sub", "--source-base", mirror)).exitCode).toBe(ExitCode.Ok);
    expect(await readdir(join(cacheDir, "sub", "data"))).toHaveLength(3);
  });

  it("says when a download is older than the embedded copy", async () => {
    files.set("/mirror/named.root", {
      status: 200,
      body: EMBEDDED_NAMED_ROOT.replace("2026052101", "2025010101"),
    });
    const { exitCode, stdout } = await run("--cache-dir", cacheDir, "--source-base", mirror);
    expect(exitCode).toBe(ExitCode.Ok);
    expect(stdout).toContain(
      "  named.root: 2026052101 (embedded); downloaded 2025010101 is not newer than the embedded copy, which stays in use",
    );
  });

  describe("failures change nothing", () => {
    let before: Record<string, string>;
    beforeEach(async () => {
      expect((await run("--cache-dir", cacheDir, "--source-base", mirror)).exitCode).toBe(
        ExitCode.Ok,
      );
      before = await snapshot();
      files.set("/mirror/dns.json", {
        status: 200,
        body: GOOD_BOOTSTRAP.replace("2026-09-01T02:00:00Z", "2026-10-01T02:00:00Z"),
      });
    });

    it.each<[string, string, Served, RegExp]>([
      [
        "invalid root hints",
        "/mirror/named.root",
        { status: 200, body: "<html>maintenance</html>" },
        /named\.root: .*named\.root:1: expected/,
      ],
      [
        "a bootstrap that is not one",
        "/mirror/dns.json",
        { status: 200, body: '{"services": 3}' },
        /"services" is not an array/,
      ],
      [
        "ranges without Route 53",
        "/mirror/ip-ranges.json",
        {
          status: 200,
          body: JSON.stringify({
            syncToken: "1",
            createDate: "2026-01-01-00-00-00",
            prefixes: [],
            ipv6_prefixes: [],
          }),
        },
        /no ROUTE53 address ranges/,
      ],
      [
        "a missing file",
        "/mirror/ip-ranges.json",
        { status: 404, body: "" },
        /ip-ranges\.json answered HTTP 404/,
      ],
      [
        "a server error",
        "/mirror/dns.json",
        { status: 500, body: "" },
        /dns\.json answered HTTP 500/,
      ],
    ])("%s: exit 2, the copies untouched", async (_, path, served, message) => {
      files.set(path, served);
      const { exitCode, stdout, stderr } = await run(
        "--cache-dir",
        cacheDir,
        "--source-base",
        mirror,
      );
      expect(exitCode).toBe(ExitCode.InvalidInput);
      expect(stdout).toBe("");
      expect(stderr).toMatch(
        /^domain-drift update-data: failed; the cached copies were not changed:\n/,
      );
      expect(stderr).toMatch(message);
      expect(await snapshot()).toEqual(before);
    });
  });

  it("rejects a source base that is not an http(s) URL", async () => {
    const { exitCode, stderr } = await run(
      "--cache-dir",
      cacheDir,
      "--source-base",
      "file:///srv/mirror",
    );
    expect(exitCode).toBe(ExitCode.InvalidInput);
    expect(stderr).toContain("--source-base must be an http or https URL");
    expect(requests).toEqual([]);
  });

  it("runs as the installed binary would", { timeout: 300_000 }, async () => {
    const { stdout } = await runCliBinary(
      ["update-data", "--cache-dir", cacheDir, "--source-base", mirror],
      { cwd: process.cwd(), env: process.env },
    );
    expect(stdout).toContain("named.root: 2026052101 (embedded) → 2026090101");
    expect(await readdir(join(cacheDir, "data"))).toHaveLength(3);
  });
});
