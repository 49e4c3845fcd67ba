// What a record-parity comparison did not reach, as the record rules and the migration's
// record-parity check word it: servers named as the report names them, lists joined as read.

import { describe, expect, it } from "vitest";
import { parityCoverage } from "../../../src/judge/rules/migration/parity.js";
import type { ParityServerState } from "../../../src/observe/record-parity/types.js";
import { parityCompared } from "../../support/observations.js";

const COUNTS = { namesCompared: 3, rrsetsCompared: 9 };
const serving = (name: string, address: string, serial: number): ParityServerState => ({
  server: { name, address },
  serial,
});

describe("record parity's coverage", () => {
  it("names a server known only by its address by the address alone", () => {
    const parity = {
      ...parityCompared(COUNTS),
      disagreements: [
        {
          side: "old" as const,
          servers: [
            serving("198.51.100.1", "198.51.100.1", 3),
            {
              server: { name: "198.51.100.9", address: "198.51.100.9" },
              serial: undefined,
              reason: "timed out (UDP)",
            },
          ],
        },
      ],
    };
    expect(parityCoverage(parity)).toEqual({
      unsettled: undefined,
      notes: ["the old host's servers not answering for the zone: 198.51.100.9: timed out (UDP)"],
    });
  });

  it("lists the RRsets not compared by design, each with its reason", () => {
    const parity = parityCompared(
      COUNTS,
      { kind: "not-compared", name: "a.example.com", type: "NS", reason: "a delegation" },
      { kind: "not-compared", name: "*.example.com", type: "A", reason: "a wildcard" },
    );
    expect(parityCoverage(parity)).toEqual({
      unsettled: undefined,
      notes: [
        "not compared by design: a.example.com NS (a delegation), *.example.com A (a wildcard)",
      ],
    });
  });

  it("names each side whose servers serve different versions of the zone", () => {
    const parity = {
      ...parityCompared(COUNTS),
      disagreements: [
        {
          side: "old" as const,
          servers: [
            serving("ns1.hover.com", "198.51.100.1", 2),
            serving("ns2.hover.com", "198.51.100.4", 1),
          ],
        },
        {
          side: "target" as const,
          servers: [
            serving("ns-1.awsdns-01.org", "198.51.100.2", 1),
            serving("ns-2.awsdns-02.net", "198.51.100.3", 5),
          ],
        },
      ],
    };
    expect(parityCoverage(parity)).toEqual({
      unsettled:
        "the old host's servers serve different versions of the zone (SOA serial 2 at ns1.hover.com (198.51.100.1), 1 at ns2.hover.com (198.51.100.4)): its RRsets were asked of ns1.hover.com (198.51.100.1) first, and another server may serve other data; the target host's servers serve different versions of the zone (SOA serial 1 at ns-1.awsdns-01.org (198.51.100.2), 5 at ns-2.awsdns-02.net (198.51.100.3)): its RRsets were asked of ns-1.awsdns-01.org (198.51.100.2) first, and another server may serve other data",
      notes: [],
    });
  });
});
