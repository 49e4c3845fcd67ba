// Hostile DNSSEC input built from a seed, shared by test/dnssec/hostile.test.ts (what the
// validator does with it) and bench/hostile-inputs.ts (how long it takes).
import type { DelegationInput } from "../../../src/observe/dns/dnssec/index.js";
import { keyTag } from "../../../src/observe/dns/dnssec/key-tag.js";
import type { WireRecord } from "../../../src/observe/dns/dnssec/records.js";
import { dnskeyRdata, record, TYPE } from "./records.js";
import { ds, NOW, signedApex, signRrset } from "./signer.js";

export const ZONE = "example.org";

/** mulberry32: a small seeded generator, so a failure reproduces. */
export function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function randomBytes(next: () => number, length: number): Buffer {
  return Buffer.from(Array.from({ length }, () => Math.floor(next() * 256)));
}

/** A copy of a genuine RRSIG with another signature: right tag and algorithm, wrong octets. */
function forged(rrsig: WireRecord, next: () => number): WireRecord {
  const rdata = Buffer.from(rrsig.rdata);
  randomBytes(next, 64).copy(rdata, rdata.length - 64);
  return { ...rrsig, rdata };
}

/** An Ed25519-sized DNSKEY whose key tag is `tag`: the last 16-bit word is chosen to make it so. */
export function keyWithTag(tag: number, next: () => number): WireRecord {
  const rdata = dnskeyRdata(256, 3, 15, randomBytes(next, 32).toString("base64"));
  for (const carry of [0, 1, 2]) {
    rdata.writeUInt16BE(0, 34);
    const word = (tag - keyTag(rdata) - carry + 3 * 0x10000) & 0xffff;
    rdata.writeUInt16BE(word, 34);
    if (keyTag(rdata) === tag) return record(ZONE, TYPE.DNSKEY, 3600, rdata);
  }
  throw new Error("no word gives the tag");
}

/** A signed apex whose DNSKEY RRset carries 10,000 forged RRSIGs before the genuine one. */
export function rrsigFlood(seed: number): DelegationInput {
  const apex = signedApex(ZONE);
  const next = random(seed);
  const [genuine] = apex.dnskey.signatures;
  if (genuine === undefined) throw new Error("unsigned");
  const flood = Array.from({ length: 10_000 }, () => forged(genuine, next));
  return {
    zone: ZONE,
    ds: [ds(ZONE, apex.ksk)],
    ...apex,
    dnskey: { ...apex.dnskey, signatures: [...flood, genuine] },
    now: NOW,
  };
}

/** 40 keys sharing the KSK's key tag, and 16 forged signatures over each apex RRset. */
export function sharedKeyTags(seed: number): DelegationInput {
  const apex = signedApex(ZONE);
  const next = random(seed);
  const twins = Array.from({ length: 40 }, () => keyWithTag(apex.ksk.tag, next));
  const keys = [...twins, ...apex.dnskey.records];
  const sig = (rrset: readonly WireRecord[]) => {
    const real = signRrset(ZONE, rrset, apex.ksk);
    return Array.from({ length: 16 }, () => forged(real, next));
  };
  return {
    zone: ZONE,
    ds: [ds(ZONE, apex.ksk)],
    dnskey: { records: keys, signatures: sig(keys) },
    soa: { ...apex.soa, signatures: sig(apex.soa.records) },
    ns: { ...apex.ns, signatures: sig(apex.ns.records) },
    now: NOW,
  };
}
