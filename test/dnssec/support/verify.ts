// Checking one published RRSIG with the core's own building blocks.

import { readServedKey } from "../../../src/observe/dns/dnssec/key-set.js";
import { WorkBudget } from "../../../src/observe/dns/dnssec/limits.js";
import type { WireRecord } from "../../../src/observe/dns/dnssec/records.js";
import { checkRrsig, type SignatureOutcome } from "../../../src/observe/dns/dnssec/verify.js";
import { wireName } from "./records.js";

export function checkOne(
  zone: string,
  keys: readonly WireRecord[],
  rrset: readonly WireRecord[],
  rrsig: WireRecord,
  now: Date,
): SignatureOutcome {
  const context = {
    zone: wireName(zone),
    keys: keys.map(readServedKey),
    now,
    budget: new WorkBudget(),
  };
  return checkRrsig(rrsig, rrset, context).outcome;
}
