// `--shard i/n`: validated as usage, deterministic, and a partition: over many names every name
// lands in exactly one shard, and the shards are about the same size.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_DOMAINS, selectDomains } from "../../../src/check/select.js";
import { normalizeDomainName } from "../../../src/names/normalize.js";
import { registrableDomainOf } from "../../../src/names/registrable-domain.js";
import { OPTIONAL_DNSSEC } from "../../../src/policy/dnssec-setting.js";
import type { DomainIntent } from "../../../src/policy/types.js";
import { ExitCode } from "../../../src/report/model/exit-codes.js";
import { parseShard, shardOf } from "../../../src/report/model/shard.js";
import { runCliInProcess } from "../../support/cli.js";

const TLDS = ["com", "net", "org", "co.uk", "example", "de"];

function intentFor(input: string, index: number): DomainIntent {
  const name = normalizeDomainName(input);
  if (!name.ok) throw new Error(`test name ${input}: ${name.reason}`);
  return {
    name: name.name,
    unicode: name.unicode,
    registrableDomain: registrableDomainOf(name.name),
    position: { file: "policies/many.yaml", line: index + 3, column: 3 },
    registrar: "route53",
    dnsHost: "route53",
    architecture: "traditional",
    nameservers: undefined,
    hostedZoneId: undefined,
    accounts: {},
    hygiene: { expiryMinDays: undefined, transferLock: "ignore", autoRenew: "ignore" },
    dnssec: OPTIONAL_DNSSEC,
  };
}

// Realistic variety: brand names, numbered names, subdomains and IDNs.
const NAMES = Array.from({ length: 10_000 }, (_, i) => {
  const tld = TLDS[i % TLDS.length];
  if (i % 97 === 0) return `bücher-${i}.${tld}`;
  if (i % 11 === 0) return `shop.brand-${i}.${tld}`;
  return `brand-${i}.${tld}`;
});
const INTENTS = NAMES.map(intentFor);

describe("shard partition", () => {
  for (const count of [2, 3, 4, 5]) {
    it(`puts each of 10,000 names in exactly one of ${count} shards, balanced within 5%`, () => {
      const owner = new Map<string, number>();
      const sizes: number[] = [];
      for (let index = 1; index <= count; index++) {
        const shard = selectDomains(INTENTS, { only: undefined, shard: { index, count } });
        sizes.push(shard.length);
        for (const intent of shard) {
          expect(owner.get(intent.name), `${intent.name} in two shards`).toBeUndefined();
          owner.set(intent.name, index);
        }
      }
      expect(owner.size).toBe(INTENTS.length);
      const expected = INTENTS.length / count;
      for (const size of sizes) expect(Math.abs(size - expected) / expected).toBeLessThan(0.05);
    });
  }

  it("keys on the A-label: a name written in Unicode or as its A-label is in the same shard", () => {
    const unicode = intentFor("bücher.example", 0);
    const aLabel = intentFor("xn--bcher-kva.example", 1);
    expect(unicode.name).toBe(aLabel.name);
    for (const count of [2, 3, 7, 64]) {
      const pick = (intent: DomainIntent) =>
        [1, 2, 3, 4, 5, 6, 7, 64].filter(
          (index) =>
            index <= count &&
            selectDomains([intent], { only: undefined, shard: { index, count } }).length === 1,
        );
      expect(pick(unicode)).toEqual(pick(aLabel));
    }
  });

  it("is stable from release to release: these values are part of the shard contract", () => {
    // A changed hash would re-cut every matrix; merge refuses mixed versions, but dashboards
    // keyed on shard numbers would silently move. Pinned on purpose.
    expect(
      ["example.com", "xn--bcher-kva.example", "shop.example.net", "a.co.uk"].map((d) =>
        shardOf(d, 4),
      ),
    ).toMatchInlineSnapshot(`
      [
        3,
        4,
        4,
        4,
      ]
    `);
  });

  it("composes with --only: the shards of a selection partition the selection", () => {
    const only = ["*.com"];
    const selected = selectDomains(INTENTS, { ...ALL_DOMAINS, only });
    const union = [1, 2, 3].flatMap((index) =>
      selectDomains(INTENTS, { only, shard: { index, count: 3 } }).map((d) => d.name),
    );
    expect(union.sort()).toEqual(selected.map((d) => d.name).sort());
    expect(selected.length).toBeGreaterThan(1000);
  });
});

describe("parseShard", () => {
  it("accepts i/n with 1 <= i <= n", () => {
    expect(parseShard("1/1")).toEqual({ index: 1, count: 1 });
    expect(parseShard("3/3")).toEqual({ index: 3, count: 3 });
    expect(parseShard(" 2/16 ")).toEqual({ index: 2, count: 16 });
  });

  for (const bad of [
    "0/3",
    "4/3",
    "1/0",
    "0/0",
    "-1/3",
    "1/-3",
    "1.5/3",
    "1/3/5",
    "a/b",
    "1",
    "",
    "1/10001",
  ]) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      expect(parseShard(bad)).toEqual({ error: expect.stringContaining("invalid shard") });
    });
  }
});

describe("check --shard usage errors", () => {
  for (const bad of ["0/3", "4/3", "x", "2/0"]) {
    it(`exits 2 for --shard ${bad} before observing anything`, async () => {
      const dir = await mkdtemp(join(tmpdir(), "dd-shard-usage-"));
      await writeFile(
        join(dir, "p.yaml"),
        "version: 1\ndefaults: { registrar: route53, dnsHost: route53 }\ndomains:\n  example.com: {}\n",
      );
      const run = await runCliInProcess(
        ["check", "p.yaml", "--shard", bad, "--no-aws", "--format", "json"],
        { cwd: dir },
      );
      expect(run.exitCode).toBe(ExitCode.InvalidInput);
      expect(run.stderr).toContain(`invalid shard "${bad}"`);
      expect(run.stdout).toBe("");
    });
  }
});
