// The registry capability table shipped in src/data/registries.json: valid, documented, and
// covering the TLDs without RDAP that a company typically owns.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { loadRdapBootstrap } from "../../src/data/reference-data.js";
import { embeddedRegistryTable, parseRegistryTable } from "../../src/data/registry-table.js";
import { findRdapService } from "../../src/observe/rdap/index.js";

const table = embeddedRegistryTable();

describe("the shipped registry capability table", () => {
  it("covers every TLD without RDAP that issue 11 names", () => {
    for (const tld of ["de", "io", "co", "eu", "ch", "jp", "it", "es", "se", "dk", "be", "at"]) {
      expect(table.profileOf(`example.${tld}`)?.tld, tld).toBe(tld);
    }
  });

  it("gives every TLD a way to be read: RDAP in the IANA bootstrap, WHOIS, or nothing published", async () => {
    const { bootstrap } = await loadRdapBootstrap({ cacheDir: "/nonexistent" });
    const servers = table.whoisServers();
    for (const entry of table.entries) {
      for (const tld of entry.tlds) {
        const rdap = findRdapService(bootstrap, `example.${tld}`, false).kind !== "none";
        const nothing = entry.unpublished.nameservers !== undefined;
        expect(rdap || servers.has(tld) || nothing, `.${tld} (${entry.id})`).toBe(true);
        // WHOIS is only the fallback: a TLD with RDAP is not also asked over WHOIS.
        if (rdap) expect(servers.has(tld), `.${tld}`).toBe(false);
      }
    }
  });

  it("documents the source of every registry in src/data/SOURCES.md", async () => {
    const sources = await readFile(new URL("../../src/data/SOURCES.md", import.meta.url), "utf8");
    for (const entry of table.entries) {
      expect(sources, entry.id).toContain(`\`${entry.id}\``);
      expect(entry.source, entry.id).toMatch(/^https:\/\//);
    }
  });
});

describe("parseRegistryTable", () => {
  const entry = {
    id: "lab",
    name: "Lab",
    tlds: ["test"],
    whois: { host: "whois.nic.test", query: "{domain}", format: "icann", queriesPerMinute: 60 },
  };
  const parse = (registries: unknown[], lab = false) =>
    parseRegistryTable({ version: "1", registries }, "t.json", lab);

  it.each([
    [
      [{ ...entry, whois: { ...entry.whois, format: "gopher" } }],
      /format must be one of icann, denic/,
    ],
    [
      [{ ...entry, whois: { ...entry.whois, query: "{domain}\r\nmore" } }],
      /one line containing \{domain\}/,
    ],
    [[{ ...entry, whois: { ...entry.whois, host: "127.0.0.1" } }], /not a host name$/],
    [[entry, { ...entry, id: "other" }], /\.test is listed for both lab and other/],
    [[{ ...entry, tlds: ["TEST"] }], /not a lower-case A-label/],
    [
      [{ ...entry, unpublished: { dnssec: "no" } }],
      /expected one of registrar, expiry, statuses, nameservers/,
    ],
  ])("refuses %j", (registries, message) => {
    const result = parse(registries);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it("lets a file the user supplied point WHOIS at an address and a port (a lab)", () => {
    const result = parse(
      [{ ...entry, whois: { ...entry.whois, host: "127.0.0.1", port: 4343 } }],
      true,
    );
    expect(result.ok && result.table.whoisServers().get("test")).toMatchObject({
      host: "127.0.0.1",
      port: 4343,
    });
  });
});
