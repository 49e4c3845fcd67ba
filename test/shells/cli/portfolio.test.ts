// Issue 11: a company's portfolio with .de, .io and .co domains, checked with a working network,
// ends with a verdict (exit 0 or 1), not exit 3 forever. The whole CLI runs in-process against a
// lab: DNS from the root, RDAP for .com, and a WHOIS server for the registries without RDAP, named
// by a registry capability table given with --registries (their WHOIS answers are the fixtures).
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedRegistryTable } from "../../../src/data/registry-table.js";
import { renderLabBootstrap } from "../../../src/lab/rdap-server.js";
import { type RunningScenario, startScenario } from "../../../src/lab/scenario.js";
import { type LabWhoisServer, startLabWhoisServer } from "../../../src/lab/whois-server.js";
import type { Report } from "../../../src/report/model/model.js";
import { runCliInProcess } from "../../support/cli.js";

const NS = ["ns1.example-dns.net", "ns2.example-dns.net"];
const DOMAINS = ["brand.com", "brand.de", "brand.io", "brand.co"];
const WHOIS_ANSWERS: Readonly<Record<string, string>> = {
  "brand.de": "denic-de.txt",
  "brand.io": "icann-io.txt",
  "brand.co": "icann-co.txt",
};

const POLICY = `version: 1
defaults:
  dnsHost: example-dns
  transferLock: required
  expiry: { minDays: 30 }
providers:
  example-dns: { dnsHost: { nameservers: ["ns*.example-dns.net"] } }
  de-registrar: { registrar: { names: ["Example Registrar eG"] } }
domains:
  brand.com: { registrar: markmonitor }
  brand.de: { registrar: de-registrar }
  brand.io: { registrar: markmonitor }
  brand.co: { registrar: godaddy }
`;

let dir: string;
let world: RunningScenario;
let whois: LabWhoisServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "domain-drift-portfolio-"));
  world = await startScenario(
    {
      internet: { domains: DOMAINS.map((name) => ({ name, delegation: NS })) },
      rdap: {
        "brand.com": {
          registrar: { ianaId: 292, name: "MarkMonitor Inc." },
          statuses: ["client transfer prohibited"],
          events: { expiration: "2030-01-01T00:00:00Z" },
          nameservers: NS,
        },
      },
      accounts: [],
    },
    join(dir, "world"),
  );
  whois = await startLabWhoisServer({ notFound: "NOT FOUND\n" });
  const table = embeddedRegistryTable();
  for (const [domain, file] of Object.entries(WHOIS_ANSWERS)) {
    const server = table.whoisServers().get(domain.split(".")[1] ?? "");
    const text = await readFile(
      new URL(`../../../fixtures/whois/${file}`, import.meta.url),
      "utf8",
    );
    whois.setAnswer(
      server?.query.replace("{domain}", domain) ?? domain,
      text.replaceAll("example-brand", "brand"),
    );
  }
  const registries = {
    version: table.version,
    registries: table.entries.map((entry) => ({
      ...entry,
      ...(entry.whois ? { whois: { ...entry.whois, host: whois.host, port: whois.port } } : {}),
    })),
  };
  await writeFile(join(dir, "registries.json"), JSON.stringify(registries));
  // RDAP for .com only: the others have none, as in the IANA bootstrap.
  await writeFile(
    join(dir, "rdap.json"),
    JSON.stringify(renderLabBootstrap({ com: world.rdap.baseUrl })),
  );
  await writeFile(join(dir, "portfolio.yaml"), POLICY);
}, 60_000);

afterAll(async () => {
  await Promise.all([world?.close(), whois?.close()]);
  await rm(dir, { recursive: true, force: true });
});

describe("a portfolio with .de, .io and .co domains", () => {
  it("gets a verdict for every domain: exit 1 for its drift, never 3", async () => {
    const run = await runCliInProcess(
      [
        "check",
        "portfolio.yaml",
        "--root-hints",
        world.rootHintsFile,
        "--dns-port",
        String(world.dns.port),
        "--rdap-bootstrap",
        join(dir, "rdap.json"),
        "--registries",
        join(dir, "registries.json"),
        "--cache-dir",
        join(dir, "cache"),
        "--no-aws",
        "--fail-on",
        "medium",
        "--format",
        "json",
      ],
      { cwd: dir },
    );
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout) as Report;
    const statuses = Object.fromEntries(report.domains.map((d) => [d.domain, d.status]));
    // .co's registry shows no transfer lock: the one drift. The rest is verified or not published.
    expect(statuses).toEqual({
      "brand.co": "drift",
      "brand.com": "compliant",
      "brand.de": "compliant",
      "brand.io": "compliant",
    });
    expect(
      report.domains.find((d) => d.domain === "brand.co")?.findings.map((f) => f.rule),
    ).toEqual(["transfer-lock-disabled"]);
    expect(run.exitCode).toBe(1);
  });
});
