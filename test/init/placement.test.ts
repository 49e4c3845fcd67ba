// Which account's file declares each name: the registering account, else the first with a zone.
import { describe, expect, it } from "vitest";
import { placeNames } from "../../src/init/placement.js";
import type { InitAccount } from "../../src/init/types.js";
import type {
  AccountInventory,
  HostedZoneSummary,
} from "../../src/observe/providers/route53/types.js";

const REGISTRAR: InitAccount = { id: "registrar", profile: "registrar" };
const DNS: InitAccount = { id: "dns", profile: "dns" };
const SANDBOX: InitAccount = { id: "sandbox", profile: "sandbox" };

function inventory(
  account: InitAccount,
  registered: readonly string[],
  zones: readonly [string, string][],
): AccountInventory {
  return {
    account: account.id,
    registeredDomains: {
      kind: "ok",
      account: account.id,
      items: registered.map((name) => ({
        name,
        autoRenew: true,
        transferLock: true,
        expiry: undefined,
      })),
    },
    publicHostedZones: {
      kind: "ok",
      account: account.id,
      items: zones.map(([name, id]): HostedZoneSummary => ({ name, id, recordCount: 2 })),
    },
  };
}

describe("placeNames", () => {
  it("declares a name in the account that registers it, noting the zone's account", () => {
    const { placements } = placeNames([
      { account: DNS, inventory: inventory(DNS, [], [["split.com", "ZSPLIT"]]) },
      { account: REGISTRAR, inventory: inventory(REGISTRAR, ["split.com"], []) },
    ]);
    expect(placements).toEqual([
      {
        name: "split.com",
        unicode: "split.com",
        registrableDomain: "split.com",
        account: REGISTRAR,
        notes: [
          "also has public hosted zone ZSPLIT in account dns; it is declared here, in account registrar, and checked there only",
        ],
      },
    ]);
  });

  it("declares a zone-only name in the first account that has it, each name once, sorted", () => {
    const { placements } = placeNames([
      {
        account: DNS,
        inventory: inventory(
          DNS,
          [],
          [
            ["b.org", "ZB1"],
            ["a.org", "ZA"],
            ["b.org", "ZB2"],
          ],
        ),
      },
      { account: SANDBOX, inventory: inventory(SANDBOX, [], [["b.org", "ZB3"]]) },
    ]);
    expect(placements.map((p) => [p.name, p.account.id])).toEqual([
      ["a.org", "dns"],
      ["b.org", "dns"],
    ]);
    expect(placements[1]?.notes).toEqual([
      "also has public hosted zone ZB3 in account sandbox; it is declared here, in account dns, and checked there only",
    ]);
  });

  it("keeps IDNs as A-labels with their Unicode form", () => {
    const { placements } = placeNames([
      { account: DNS, inventory: inventory(DNS, ["xn--bcher-kva.de"], []) },
    ]);
    expect(placements[0]).toMatchObject({ name: "xn--bcher-kva.de", unicode: "bücher.de" });
  });

  it("notes, on the account's file, a name no policy can declare and a listing that failed", () => {
    const listing = inventory(DNS, [], [["_tcp.example.com", "ZODD"]]);
    const { placements, accountNotes } = placeNames([
      {
        account: DNS,
        inventory: {
          ...listing,
          registeredDomains: {
            kind: "unavailable",
            account: "dns",
            reason: "AccessDenied: route53domains:ListDomains",
            deniedAction: "route53domains:ListDomains",
          },
        },
      },
    ]);
    expect(placements).toEqual([]);
    expect(accountNotes.get("dns")).toEqual([
      "Route 53 Domains could not be listed: AccessDenied: route53domains:ListDomains",
      "`_tcp.example.com` has public hosted zone ZODD in account dns, but no policy can declare it: label `_tcp` has characters other than letters, digits and hyphens: `_` (U+005F)",
    ]);
  });
});
