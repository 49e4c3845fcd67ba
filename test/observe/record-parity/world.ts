// A migration's two hosts for record parity: the "old host" and the "target host" versions of the
// same zone, as NSD master files (NSD serves MX, SRV and CAA, which the lab's zone model lacks).
//
// Differences the target has, by design: no MX at all (missing), the TXT verification string gone
// from the apex TXT RRset (differs), a weaker `_dmarc` (differs), `cdn` pointing at another CDN
// (differs), `web` with another TTL (ttl-differs), and `legacy` with another address, a name only
// the target's API listing reveals. `api` exists only on the target; `hidden` only on the old host,
// where nothing can find it without a zone transfer.

import { zone } from "../../../src/lab/dns-records.js";
import type { LabWorldBuilder } from "../../../src/lab/dns-world.js";

export const ZONE = "shop.example";

const COMMON = [
  `@ 3600 IN A 192.0.2.10`,
  `@ 3600 IN CAA 0 issue "letsencrypt.org"`,
  `www 3600 IN CNAME web.shop.example.`,
  `mail 3600 IN A 192.0.2.25`,
  `s1._domainkey 3600 IN TXT "v=DKIM1; k=rsa; p=MIGfMA0G" "CSqGSIb3DQEBAQUAA4GNADCBiQKBgQC"`,
  `_sip._tls 3600 IN SRV 100 1 443 sip.provider.example.`,
];

export const OLD_ZONE_FILE = [
  `$ORIGIN ${ZONE}.`,
  `@ 3600 IN SOA ns1.oldhost.example. hostmaster.shop.example. 10 7200 900 1209600 300`,
  `@ 3600 IN NS ns1.oldhost.example.`,
  `@ 3600 IN MX 10 mail.shop.example.`,
  `@ 3600 IN MX 20 mx2.mailhost.example.`,
  `@ 3600 IN TXT "v=spf1 include:_spf.mailhost.example -all"`,
  `@ 3600 IN TXT "google-site-verification=abc123"`,
  `web 300 IN A 192.0.2.11`,
  `_dmarc 3600 IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@shop.example"`,
  `cdn 3600 IN CNAME shop.cdn-old.example.`,
  `legacy 3600 IN A 192.0.2.60`,
  `hidden 3600 IN A 192.0.2.99`,
  ...COMMON,
  "",
].join("\n");

export const TARGET_ZONE_FILE = [
  `$ORIGIN ${ZONE}.`,
  `@ 900 IN SOA ns-1.targethost.example. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`,
  `@ 172800 IN NS ns-1.targethost.example.`,
  `@ 3600 IN TXT "v=spf1 include:_spf.mailhost.example -all"`,
  `web 3600 IN A 192.0.2.11`,
  `_dmarc 3600 IN TXT "v=DMARC1; p=none"`,
  `cdn 3600 IN CNAME shop.cdn-new.example.`,
  `legacy 3600 IN A 192.0.2.61`,
  `api 3600 IN A 192.0.2.50`,
  ...COMMON,
  "",
].join("\n");

/** What the target host's API lists (as Route 53 ListResourceRecordSets would). */
export const TARGET_LISTING = [
  { name: ZONE, type: "SOA" },
  { name: ZONE, type: "NS" },
  { name: ZONE, type: "TXT" },
  { name: `legacy.${ZONE}`, type: "A" },
  { name: `api.${ZONE}`, type: "A" },
  { name: `sub.${ZONE}`, type: "NS" },
];

/** Host numbers in the world's /24; lab servers with faults take others. */
export const HOSTS = { old: 1, target: 2, targetSecond: 3 } as const;

/** Two NSD servers (the old host's and the target host's), same zone, different versions. */
export const parityWorld: LabWorldBuilder = () => ({
  servers: [
    { name: "old", host: HOSTS.old, zones: [zone(ZONE, [])] },
    { name: "target", host: HOSTS.target, zones: [zone(ZONE, [])] },
    { name: "target-second", host: HOSTS.targetSecond, zones: [zone(ZONE, [])] },
  ],
});

export const zoneFilesFor = (key: (server: string, origin: string) => string) =>
  new Map([
    [key("old", ZONE), OLD_ZONE_FILE],
    [key("target", ZONE), TARGET_ZONE_FILE],
    // The target's second server still serves an older version: a side whose servers disagree.
    [key("target-second", ZONE), TARGET_ZONE_FILE.replace(" 1 7200 900", " 0 7200 900")],
  ]);
