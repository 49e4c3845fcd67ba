// The DNSSEC validation core's public API: pure functions over raw records (no I/O).
//
// Typical use, per delegated server address:
//   const reply = recordsFromMessage(dnskeyReplyBytes);           // raw records, names expanded
//   const zone = nameFromText("example.com");                     // wire form of the zone name
//   const dnskey = signedRrset(reply.records.answers, zone.name, RrType.DNSKEY);
//   ... likewise `soa` and `ns` from the SOA and NS replies ...
//   const result = validateDelegation({ zone: "example.com", ds, dnskey, soa, ns, now });
// `ds` is the parent's DS RRset as the walker reports it (`DsRecord`: digest in hex).

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
} from "./delegation.js";
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
export { signedRrset } from "./rrset.js";
export type { SignatureOutcome } from "./verify.js";
