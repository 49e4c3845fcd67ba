// A minimal Ed25519 zone signer for tests that need many small variations of a signed apex. The
// octets it signs come from the core's `signedData`, which the RFC vectors and the real signers
// (rfc-vectors, signing-tools tests) check independently.

import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { signedData } from "../../../src/observe/dns/dnssec/canonical.js";
import { dsDigest } from "../../../src/observe/dns/dnssec/ds.js";
import { keyTag } from "../../../src/observe/dns/dnssec/key-tag.js";
import { labelCount } from "../../../src/observe/dns/dnssec/name.js";
import { type DsInput, parseRrsig } from "../../../src/observe/dns/dnssec/rdata.js";
import type { SignedRrset, WireRecord } from "../../../src/observe/dns/dnssec/records.js";
import {
  dnskeyRdata,
  type RrsigFields,
  record,
  rrsigRdata,
  soaRdata,
  TYPE,
  wireName,
} from "./records.js";

export const ZSK_FLAGS = 256;
export const KSK_FLAGS = 257;
export const NOW = new Date("2025-06-01T00:00:00Z");
const NOW_SECONDS = NOW.getTime() / 1000;
export const WINDOW = { inception: NOW_SECONDS - 86_400, expiration: NOW_SECONDS + 7 * 86_400 };

export interface TestKey {
  readonly record: WireRecord;
  readonly tag: number;
  readonly privateKey: KeyObject;
}

export function makeKey(zone: string, flags: number, algorithm = 15): TestKey {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const raw = Buffer.from(publicKey.export({ format: "jwk" }).x ?? "", "base64url");
  const rdata = dnskeyRdata(flags, 3, algorithm, raw.toString("base64"));
  return { record: record(zone, TYPE.DNSKEY, 3600, rdata), tag: keyTag(rdata), privateKey };
}

export function ds(zone: string, key: TestKey, digestType: 1 | 2 | 4 = 2): DsInput {
  const digest = dsDigest(wireName(zone), key.record.rdata, digestType);
  return { keyTag: key.tag, algorithm: 15, digestType, digest: digest?.toString("hex") ?? "" };
}

export function signRrset(
  zone: string,
  rrset: readonly WireRecord[],
  key: TestKey,
  window: { inception: number; expiration: number } = WINDOW,
  /** RRSIG fields to set otherwise (a key tag or algorithm that names another key); still signed by `key`. */
  fields: Partial<RrsigFields> = {},
): WireRecord {
  const [first] = rrset;
  if (first === undefined) throw new Error("nothing to sign");
  const unsigned = rrsigRdata({
    typeCovered: first.type,
    algorithm: 15,
    labels: labelCount(first.owner),
    originalTtl: first.ttl,
    ...window,
    keyTag: key.tag,
    signer: zone,
    signatureBase64: "AA==",
    ...fields,
  });
  const parsed = parseRrsig(unsigned);
  if (!parsed.ok) throw new Error(parsed.detail);
  const data = signedData(parsed.value, rrset);
  if (!data.ok) throw new Error(data.detail);
  const signature = sign(null, data.value, key.privateKey);
  return {
    ...first,
    type: TYPE.RRSIG,
    rdata: Buffer.concat([unsigned.subarray(0, unsigned.length - 1), signature]),
  };
}

export interface SignedApex {
  readonly ksk: TestKey;
  readonly zsk: TestKey;
  readonly dnskey: SignedRrset;
  readonly soa: SignedRrset;
  readonly ns: SignedRrset;
}

/** An apex signed the usual way: the KSK signs the DNSKEY RRset, the ZSK signs SOA and NS. */
export function signedApex(zone: string): SignedApex {
  const ksk = makeKey(zone, KSK_FLAGS);
  const zsk = makeKey(zone, ZSK_FLAGS);
  const keys = [ksk.record, zsk.record];
  const soa = [
    record(
      zone,
      TYPE.SOA,
      3600,
      soaRdata(`ns1.${zone}`, `hostmaster.${zone}`, [1, 7200, 3600, 1209600, 300]),
    ),
  ];
  const ns = [
    record(zone, TYPE.NS, 3600, wireName(`ns1.${zone}`)),
    record(zone, TYPE.NS, 3600, wireName(`ns2.${zone}`)),
  ];
  return {
    ksk,
    zsk,
    dnskey: { records: keys, signatures: [signRrset(zone, keys, ksk)] },
    soa: { records: soa, signatures: [signRrset(zone, soa, zsk)] },
    ns: { records: ns, signatures: [signRrset(zone, ns, zsk)] },
  };
}
