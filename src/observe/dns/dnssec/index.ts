// The DNSSEC validation core's public API: pure functions over raw records (no I/O).
//
// Typical use, per delegated server address (test/dnssec/api.test.ts runs exactly this):
//   const zone = nameFromText("example.com");          // { ok, name }: the zone name in wire form
//   const reply = recordsFromMessage(dnskeyReplyBytes); // { ok, records }: names expanded, bytes kept
//   const dnskey = signedRrset(reply.records.answers, zone.name, RrType.DNSKEY);
//   ... likewise `soa` and `ns` from the same server's SOA and NS replies ...
//   const result = validateDelegation({ zone: "example.com", ds, dnskey, soa, ns, now });
// `ds` is the parent's DS RRset as the walker reports it (`DsRecord`: digest in hex); `parseDs`
// turns raw DS RDATA into that form. Queries need the DO bit, else servers leave out the RRSIGs.

export { validateDelegation } from "./delegation.js";
export type { DsOutcome } from "./ds.js";
export { dsDigest } from "./ds.js";
export { keyTag } from "./key-tag.js";
export type { MessageRead, MessageRecords } from "./message.js";
export { recordsFromMessage } from "./message.js";
export { nameFromText, nameToText } from "./name.js";
export type { DsInput } from "./rdata.js";
export { parseDs } from "./rdata.js";
export type { SignedRrset, WireRecord } from "./records.js";
export { CLASS_IN, RrType } from "./records.js";
export type {
  BogusReason,
  DelegationInput,
  DelegationValidation,
  DelegationVerdict,
  DelegationWarning,
  DnskeyStep,
  DsStep,
  KeyReport,
  RrsetName,
  RrsetStep,
} from "./result.js";
export { signedRrset } from "./rrset.js";
export type { SignatureOutcome } from "./verify.js";
