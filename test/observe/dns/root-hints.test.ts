import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EMBEDDED_NAMED_ROOT } from "../../../src/data/named-root.js";
import { renderRootHints } from "../../../src/lab/root-hints.js";
import { parseRootHints } from "../../../src/observe/dns/root-hints.js";
import { repoPath } from "../../support/repo.js";

const fixture = (name: string) =>
  readFileSync(repoPath("fixtures", "dns", "root-hints", name), "utf8");

describe("parseRootHints", () => {
  it("reads the embedded IANA named.root: 13 servers, each IPv4 before IPv6", () => {
    const parsed = parseRootHints(EMBEDDED_NAMED_ROOT, "embedded");
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const names = new Set(parsed.servers.map((s) => s.name));
    expect(names.size).toBe(13);
    expect(parsed.servers[0]).toEqual({ name: "a.root-servers.net", address: "198.41.0.4" });
    expect(parsed.servers).toContainEqual({
      name: "a.root-servers.net",
      address: "2001:503:ba3e::2:30",
    });
    // Each server's IPv4 address comes before its IPv6 address.
    expect(parsed.servers.filter((s) => s.name === "m.root-servers.net")).toEqual([
      { name: "m.root-servers.net", address: "202.12.27.33" },
      { name: "m.root-servers.net", address: "2001:dc3::35" },
    ]);
  });

  it("accepts class IN without TTL, any case, and canonicalizes IPv6", () => {
    expect(parseRootHints(fixture("lab.named.root"), "lab.named.root")).toEqual({
      ok: true,
      servers: [
        { name: "lab-root.example", address: "127.0.0.53" },
        { name: "lab-root.example", address: "::1" },
      ],
    });
  });

  it("round-trips what the lab renders", () => {
    const text = renderRootHints([
      { name: "a.root.lab", addresses: ["127.1.2.3"] },
      { name: "b.root.lab", addresses: ["127.1.2.4", "::1"] },
    ]);
    expect(parseRootHints(text, "rendered")).toEqual({
      ok: true,
      servers: [
        { name: "a.root.lab", address: "127.1.2.3" },
        { name: "b.root.lab", address: "127.1.2.4" },
        { name: "b.root.lab", address: "::1" },
      ],
    });
  });

  it.each([
    ["bad-address.named.root", 3, /bad A address "198\.41\.0\.400"/],
    ["bad-type.named.root", 4, /unexpected record type "TXT"/],
    ["no-address.named.root", 3, /root server b\.root-servers\.net has no A or AAAA record/],
    ["wrong-owner.named.root", 2, /NS record for "com\."/],
    ["short-line.named.root", 2, /expected "NAME \[TTL\] \[IN\] TYPE DATA"/],
    ["empty.named.root", 1, /lists no root servers/],
  ])("%s: line %i", (file, line, message) => {
    const parsed = parseRootHints(fixture(file), file);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.line).toBe(line);
    expect(parsed.message).toMatch(message);
  });
});
