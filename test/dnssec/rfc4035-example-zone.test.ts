// RFC 4035 Appendix A (the signed "example." zone, RSASHA1, keys 38519 and 9465) with the
// Appendix B.6 wildcard answer, and RFC 5155 Appendix A (RSASHA1-NSEC3-SHA1, keys 40430 and
// 12708): the published signatures of the deprecated algorithms 5 and 7.

import { describe, expect, it } from "vitest";
import { validateDelegation } from "../../src/observe/dns/dnssec/delegation.js";
import { dsDigest } from "../../src/observe/dns/dnssec/ds.js";
import { keyTag } from "../../src/observe/dns/dnssec/key-tag.js";
import type { WireRecord } from "../../src/observe/dns/dnssec/records.js";
import {
  aRdata,
  dnskeyRdata,
  mxRdata,
  record,
  rrsigRdata,
  rrsigTime,
  soaRdata,
  TYPE,
  wireName,
} from "./support/records.js";
import { checkOne } from "./support/verify.js";

const NOW = new Date("2004-04-12T00:00:00Z");
const WINDOW = { expiration: rrsigTime("20040509183619"), inception: rrsigTime("20040409183619") };

const ZSK = dnskeyRdata(
  256,
  3,
  5,
  `AQOy1bZVvpPqhg4j7EJoM9rI3ZmyEx2OzDBV rZy/lvI5CQePxXHZS4i8dANH4DX3tbHol61e k8EFMcsGXxKciJFHyhl94C+NwILQdzsUlSFo
   vBZsyl/NX6yEbtw/xN9ZNcrbYvgjjZ/UVPZI ySFNsgEYvh0z2542lzMKR4Dh8uZffQ==`,
);
const KSK = dnskeyRdata(
  257,
  3,
  5,
  `AQOeX7+baTmvpVHb2CcLnL1dMRWbuscRvHXl LnXwDzvqp4tZVKp1sZMepFb8MvxhhW3y/0QZ syCjczGJ1qk8vJe52iOhInKROVLRwxGpMfzP
   RLMlGybr51bOV/1se0ODacj3DomyB4QB5gKT Yot/K9alk5/j8vfd4jWCWD+E1Sze0Q==`,
);
const DNSKEYS = [
  record("example", TYPE.DNSKEY, 3600, ZSK),
  record("example", TYPE.DNSKEY, 3600, KSK),
];

function sig(
  owner: string,
  typeCovered: number,
  labels: number,
  tag: number,
  signature: string,
): WireRecord {
  const rdata = rrsigRdata({
    typeCovered,
    algorithm: 5,
    labels,
    originalTtl: 3600,
    ...WINDOW,
    keyTag: tag,
    signer: "example",
    signatureBase64: signature,
  });
  return record(owner, TYPE.RRSIG, 3600, rdata);
}

const SOA = [
  record(
    "example",
    TYPE.SOA,
    3600,
    soaRdata("ns1.example", "bugs.x.w.example", [1081539377, 3600, 300, 3600000, 3600]),
  ),
];
const SOA_SIG = sig(
  "example",
  TYPE.SOA,
  1,
  38519,
  `ONx0k36rcjaxYtcNgq6iQnpNV5+drqYAsC9h 7TSJaHCqbhE67Sr6aH2xDUGcqQWu/n0UVzrF vkgO9ebarZ0GWDKcuwlM6eNB5SiX2K74l5LW
   DA7S/Un/IbtDq4Ay8NMNLQI7Dw7n4p8/rjkB jV7j86HyQgM5e7+miRAz8V01b0I=`,
);
// Listed ns2 before ns1, as the appendix does: canonical order puts ns1 first.
const NS = [
  record("example", TYPE.NS, 3600, wireName("ns2.example")),
  record("example", TYPE.NS, 3600, wireName("ns1.example")),
];
const NS_SIG = sig(
  "example",
  TYPE.NS,
  1,
  38519,
  `gl13F00f2U0R+SWiXXLHwsMY+qStYy5k6zfd EuivWc+wd1fmbNCyql0Tk7lHTX6UOxc8AgNf 4ISFve8XqF4q+o9qlnqIzmppU3LiNeKT4FZ8
   RO5urFOvoMRTbQxW3U0hXWuggE4g3ZpsHv48 0HjMeRaZB/FRPGfJPajngcq6Kwg=`,
);
const DNSKEY_SIG_BY_KSK = sig(
  "example",
  TYPE.DNSKEY,
  1,
  9465,
  `ZxgauAuIj+k1YoVEOSlZfx41fcmKzTFHoweZ xYnz99JVQZJ33wFS0Q0jcP7VXKkaElXk9nYJ XevO/7nAbo88iWsMkSpSR6jWzYYKwfrBI/L9
   hjYmyVO9m6FjQ7uwM4dCP/bIuV/DKqOAK9NY NC3AHfvCV1Tp4VKDqxqG7R5tTVM=`,
);
const DNSKEY_SIG_BY_ZSK = sig(
  "example",
  TYPE.DNSKEY,
  1,
  38519,
  `eGL0s90glUqcOmloo/2y+bSzyEfKVOQViD9Z DNhLz/Yn9CQZlDVRJffACQDAUhXpU/oP34ri bKBpysRXosczFrKqS5Oa0bzMOfXCXup9qHAp
   eFIku28Vqfr8Nt7cigZLxjK+u0Ws/4lIRjKk 7z5OXogYVaFzHKillDt3HRxHIZM=`,
);

describe("RFC 4035 Appendix A: the signed example. zone (algorithm 5, RSASHA1)", () => {
  it("the key tags are 38519 (ZSK) and 9465 (KSK)", () => {
    expect([keyTag(ZSK), keyTag(KSK)]).toEqual([38519, 9465]);
  });

  it("the apex SOA, NS and DNSKEY signatures verify and are flagged deprecated", () => {
    for (const [rrset, rrsig] of [
      [SOA, SOA_SIG],
      [NS, NS_SIG],
      [DNSKEYS, DNSKEY_SIG_BY_KSK],
      [DNSKEYS, DNSKEY_SIG_BY_ZSK],
    ] as const) {
      expect(checkOne("example", DNSKEYS, rrset, rrsig, NOW)).toMatchObject({
        result: "valid",
        deprecatedAlgorithm: true,
      });
    }
  });

  it("MX, the apex NSEC (Next Domain Name kept as is), HINFO and the a.example DS RRset verify", () => {
    const mx = record("example", TYPE.MX, 3600, mxRdata(1, "xx.example"));
    const mxSig = sig(
      "example",
      TYPE.MX,
      1,
      38519,
      `HyDHYVT5KHSZ7HtO/vypumPmSZQrcOP3tzWB 2qaKkHVPfau/DgLgS/IKENkYOGL95G4N+NzE VyNU8dcTOckT+ChPcGeVjguQ7a3Ao9Z/ZkUO
       6gmmUW4b89rz1PUxW4jzUxj66PTwoVtUU/iM W6OISukd1EQt7a0kygkg+PEDxdI=`,
    );
    // a.example. NS SOA MX RRSIG NSEC DNSKEY: window 0, 7 octets of bitmap.
    const nsec = record(
      "example",
      TYPE.NSEC,
      3600,
      Buffer.concat([wireName("a.example"), Buffer.from("000722010000000380", "hex")]),
    );
    const nsecSig = sig(
      "example",
      TYPE.NSEC,
      1,
      38519,
      `O0k558jHhyrC97ISHnislm4kLMW48C7U7cBm FTfhke5iVqNRVTB1STLMpgpbDIC9hcryoO0V Z9ME5xPzUEhbvGnHd5sfzgFVeGxr5Nyyq4tW
       SDBgIBiLQUv1ivy29vhXy7WgR62dPrZ0PWvm jfFJ5arXf4nPxp/kEowGgBRzY/U=`,
    );
    const hinfo = record(
      "ai.example",
      13,
      3600,
      Buffer.concat([
        Buffer.from([6]),
        Buffer.from("KLH-10"),
        Buffer.from([3]),
        Buffer.from("ITS"),
      ]),
    );
    const hinfoSig = sig(
      "ai.example",
      13,
      2,
      38519,
      `Iq/RGCbBdKzcYzlGE4ovbr5YcB+ezxbZ9W0l e/7WqyvhOO9J16HxhhL7VY/IKmTUY0GGdcfh ZEOCkf4lEykZF9NPok1/R/fWrtzNp8jobuY7
       AZEcZadp1WdDF3jc2/ndCa5XZhLKD3JzOsBw FvL8sqlS5QS6FY/ijFEDnI4RkZA=`,
    );
    const ds = record(
      "a.example",
      TYPE.DS,
      3600,
      Buffer.from("e1ff0501b6dcd485719adca18e5f3d48a2331627fdd3636b", "hex"),
    );
    const dsSig = sig(
      "a.example",
      TYPE.DS,
      2,
      38519,
      `oXIKit/QtdG64J/CB+Gi8dOvnwRvqrto1AdQ oRkAN15FP3iZ7suB7gvTBmXzCjL7XUgQVcoH kdhyCuzp8W9qJHgRUSwKKkczSyuL64nhgjuD
       EML8l9wlWVsl7PR2VnZduM9bLyBhaaPmRKX/ Fm+v6ccF2EGNLRiY08kdkz+XHHo=`,
    );
    const a = record("ai.example", TYPE.A, 3600, aRdata("192.0.2.9"));
    const aSig = sig(
      "ai.example",
      TYPE.A,
      2,
      38519,
      `pAOtzLP2MU0tDJUwHOKE5FPIIHmdYsCgTb5B ERGgpnJluA9ixOyf6xxVCgrEJW0WNZSsJicd hBHXfDmAGKUajUUlYSAH8tS4ZnrhyymIvk3u
       ArDu2wfT130e9UHnumaHHMpUTosKe22PblOy 6zrTpg9FkS0XGVmYRvOTNYx2HvQ=`,
    );
    for (const [rrset, rrsig] of [
      [mx, mxSig],
      [nsec, nsecSig],
      [hinfo, hinfoSig],
      [ds, dsSig],
      [a, aSig],
    ] as const) {
      expect(checkOne("example", DNSKEYS, [rrset], rrsig, NOW).result).toBe("valid");
    }
  });

  it("Appendix B.6: the MX synthesized from *.w.example verifies through the Labels field", () => {
    const mx = record("a.z.w.example", TYPE.MX, 3600, mxRdata(1, "ai.example"));
    const mxSig = sig(
      "a.z.w.example",
      TYPE.MX,
      2,
      38519,
      `OMK8rAZlepfzLWW75Dxd63jy2wswESzxDKG2 f9AMN1CytCd10cYISAxfAdvXSZ7xujKAtPbc tvOQ2ofO7AZJ+d01EeeQTVBPq4/6KCWhqe2X
       TjnkVLNvvhnc0u28aoSsG0+4InvkkOHknKxw 4kX18MMR34i8lC36SR5xBni8vHI=`,
    );
    expect(checkOne("example", DNSKEYS, [mx], mxSig, NOW).result).toBe("valid");
  });

  it("after 2004-05-09T18:36:19Z the signatures are expired, with their window", () => {
    expect(checkOne("example", DNSKEYS, SOA, SOA_SIG, new Date("2004-06-01T00:00:00Z"))).toEqual({
      result: "expired",
      keyTag: 38519,
      algorithm: 5,
      inception: "2004-04-09T18:36:19.000Z",
      expiration: "2004-05-09T18:36:19.000Z",
    });
  });

  it("as a delegation (DS computed from the KSK): secure, with the deprecated-algorithm warnings", () => {
    const digest = dsDigest(wireName("example"), KSK, 2)?.toString("hex") ?? "";
    const result = validateDelegation({
      zone: "example",
      ds: [{ keyTag: 9465, algorithm: 5, digestType: 2, digest }],
      dnskey: { records: DNSKEYS, signatures: [DNSKEY_SIG_BY_KSK, DNSKEY_SIG_BY_ZSK] },
      soa: { records: SOA, signatures: [SOA_SIG] },
      ns: { records: NS, signatures: [NS_SIG] },
      now: NOW,
    });
    expect(result.verdict).toEqual({ status: "secure" });
    expect(result.dnskey).toMatchObject({ status: "anchored", signedBy: [9465] });
    expect(result.warnings).toEqual([
      { code: "deprecated-algorithm", keyTag: 38519, algorithm: 5 },
      { code: "deprecated-algorithm", keyTag: 9465, algorithm: 5 },
    ]);
    expect(result.earliestExpiration).toEqual({ rrset: "DNSKEY", at: "2004-05-09T18:36:19.000Z" });
  });
});

describe("RFC 5155 Appendix A: the NSEC3 example zone (algorithm 7, RSASHA1-NSEC3-SHA1)", () => {
  const zsk = dnskeyRdata(
    256,
    3,
    7,
    "AwEAAaetidLzsKWUt4swWR8yu0wPHPiUi8LU sAD0QPWU+wzt89epO6tHzkMBVDkC7qphQO2h TY4hHn9npWFRw5BYubE=",
  );
  const ksk = dnskeyRdata(
    257,
    3,
    7,
    "AwEAAcUlFV1vhmqx6NSOUOq2R/dsR7Xm3upJ j7IommWSpJABVfW8Q0rOvXdM6kzt+TAu92L9 AbsUdblMFin8CVF3n4s=",
  );
  const keys = [
    record("example", TYPE.DNSKEY, 3600, zsk),
    record("example", TYPE.DNSKEY, 3600, ksk),
  ];
  const now = new Date("2008-01-10T00:00:00Z");
  const sig7 = (typeCovered: number, tag: number, signature: string) =>
    record(
      "example",
      TYPE.RRSIG,
      3600,
      rrsigRdata({
        typeCovered,
        algorithm: 7,
        labels: 1,
        originalTtl: 3600,
        expiration: rrsigTime("20150420235959"),
        inception: rrsigTime("20051021000000"),
        keyTag: tag,
        signer: "example",
        signatureBase64: signature,
      }),
    );

  it("the key tags are 40430 (ZSK) and 12708 (KSK)", () => {
    expect([keyTag(zsk), keyTag(ksk)]).toEqual([40430, 12708]);
  });

  it("the DNSKEY RRset signature by 12708 verifies, flagged deprecated", () => {
    const rrsig = sig7(
      TYPE.DNSKEY,
      12708,
      "AuU4juU9RaxescSmStrQks3Gh9FblGBlVU31 uzMZ/U/FpsUb8aC6QZS+sTsJXnLnz7flGOsm MGQZf3bH+QsCtg==",
    );
    expect(checkOne("example", keys, keys, rrsig, now)).toMatchObject({
      result: "valid",
      deprecatedAlgorithm: true,
    });
  });

  it("the NSEC3PARAM signature by 40430 verifies (a type whose RDATA has no names)", () => {
    const nsec3param = record("example", 51, 3600, Buffer.from("0100000c04aabbccdd", "hex"));
    const rrsig = sig7(
      51,
      40430,
      "C1Gl8tPZNtnjlrYWDeeUV/sGLCyy/IHie2re rN05XSA3Pq0U3+4VvGWYWdUMfflOdxqnXHwJ TLQsjlkynhG6Cg==",
    );
    expect(checkOne("example", keys, [nsec3param], rrsig, now).result).toBe("valid");
  });
});
