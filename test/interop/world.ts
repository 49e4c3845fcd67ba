// The interop tier's world: a root, TLDs (com, net, uk and the two-level co.uk), a provider with
// three name servers, and one customer domain per case the walker must read correctly from a
// real authoritative server. Served by NSD (test/support/nsd.ts).

import { ds } from "../../src/lab/dns-records.js";
import type { LabWorldBuilder } from "../../src/lab/dns-world.js";
import { internetWorld } from "../../src/lab/internet.js";
import type { DsRecord } from "../../src/observe/dns/types.js";
import { withRecords, withSerial } from "../support/world-edits.js";

const PROVIDER = ["ns1.provider.net", "ns2.provider.net"];

/** The DS record `com` publishes for signed.com. */
export const SIGNED_DS: DsRecord = {
  keyTag: 31589,
  algorithm: 13,
  digestType: 2,
  digest: "3490a6806d47f17a34c29e2ce80e8a999ffbe4be17be2fbd0f8b5b6cbe1a8f71",
};

/** serials.com: ns2.provider.net still serves an older copy of the zone. */
export const SERIALS = { current: 2024060102, stale: 2024053101 } as const;

/** Zones NSD must treat as signed, so that their referrals carry DS records. */
export const SIGNED_ZONES = ["com"];

const cases = internetWorld({
  domains: [
    // In-bailiwick servers: the com zone carries their glue.
    { name: "healthy.com", delegation: ["ns1.healthy.com", "ns2.healthy.com"] },
    // Out-of-bailiwick servers: their addresses must be resolved from the root.
    { name: "outside.com", delegation: PROVIDER },
    // ns2 is delegated to but does not load the zone: NSD answers REFUSED.
    { name: "lame.com", delegation: PROVIDER, servedBy: ["ns1.provider.net"] },
    // The zone's own NS set names ns3 instead of ns2.
    {
      name: "mismatch.com",
      delegation: PROVIDER,
      apexNs: ["ns1.provider.net", "ns3.provider.net"],
    },
    // Not in the com zone at all.
    { name: "absent.com", delegation: undefined },
    // Below a two-level public suffix.
    { name: "shop.co.uk", delegation: ["ns1.shop.co.uk", "ns2.shop.co.uk"] },
    // One name server lives in a domain that is not registered.
    { name: "orphan.com", delegation: ["ns1.gone-dns.net", "ns1.provider.net"] },
    { name: "signed.com", delegation: PROVIDER },
    { name: "serials.com", delegation: PROVIDER },
  ],
  lapsedNameserverDomains: ["gone-dns.net"],
});

const withDs = withRecords(cases, "com", [ds("signed.com", SIGNED_DS)]);
const withCurrent = withSerial(withDs, "ns1.provider.net", "serials.com", SERIALS.current);

export const interopWorld: LabWorldBuilder = withSerial(
  withCurrent,
  "ns2.provider.net",
  "serials.com",
  SERIALS.stale,
);
