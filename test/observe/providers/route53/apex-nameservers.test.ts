// ListResourceRecordSets from (apex, NS) returns whatever sorts first from there: the apex NS
// set when it exists, some other set when it does not. The observer must check, not trust.
import { beforeAll, describe, expect, it } from "vitest";
import type { EmulatedAccount } from "../../../../src/lab/aws-emulator.js";
import { useAwsLab, useEnvironmentCredentials } from "./aws-lab.js";

const lab = useAwsLab();
let account: EmulatedAccount;

beforeAll(() => {
  const created = lab.account();
  account = created.account;
  useEnvironmentCredentials(created.key);
});

describe("apexNameservers", () => {
  it("returns the apex NS set, which may differ from the delegation set", async () => {
    const zone = account.addHostedZone({
      name: "edited.example",
      apexNameServers: ["ns1.other-host.example.", "NS2.Other-Host.example"],
      records: [{ name: "edited.example", type: "MX", values: ["10 mx.edited.example."] }],
    });
    lab.emulator.resetCounters();
    const observer = lab.observer();
    const result = await observer.apexNameservers(zone.id, "edited.example.", undefined);
    expect(result).toEqual({
      kind: "ok",
      account: "default",
      zoneId: zone.id,
      ns: ["ns1.other-host.example", "ns2.other-host.example"],
    });
    await observer.apexNameservers(zone.id, "edited.example", undefined);
    expect(lab.emulator.callCount("ListResourceRecordSets")).toBe(1);
  });

  it("refuses a first record that is not the apex NS set (the apex SOA follows NS)", async () => {
    const zone = account.addHostedZone({ name: "no-ns.example", apexNameServers: [] });
    const result = await lab.observer().apexNameservers(zone.id, "no-ns.example", undefined);
    expect(result).toMatchObject({ kind: "unavailable" });
    if (result.kind === "unavailable") {
      expect(result.reason).toContain(
        "the first record set from no-ns.example NS is no-ns.example SOA",
      );
    }
  });

  it("refuses an NS set of a name below the apex", async () => {
    // Only a delegated child's NS set remains after the apex: the first record is below the apex.
    const zone = account.addHostedZone({
      name: "parent.example",
      apexNameServers: [],
      records: [{ name: "child.parent.example", type: "NS", values: ["ns1.child-host.example."] }],
    });
    // Remove the SOA so the child's NS set is the first record from (apex, NS).
    zone.records.splice(
      zone.records.findIndex((r) => r.type === "SOA"),
      1,
    );
    const result = await lab.observer().apexNameservers(zone.id, "parent.example", undefined);
    expect(result).toMatchObject({ kind: "unavailable" });
    if (result.kind === "unavailable")
      expect(result.reason).toContain("is child.parent.example NS");
  });

  it("a zone that no longer exists: unavailable with NoSuchHostedZone", async () => {
    const zone = account.addHostedZone({ name: "gone.example" });
    account.deleteHostedZone(zone.id);
    const result = await lab.observer().apexNameservers(zone.id, "gone.example", undefined);
    expect(result).toMatchObject({ kind: "unavailable" });
    if (result.kind === "unavailable")
      expect(result.reason).toContain("NoSuchHostedZone (HTTP 404)");
  });

  it("AccessDenied names route53:ListResourceRecordSets", async () => {
    const zone = account.addHostedZone({ name: "denied.example" });
    lab.emulator.faults.deny("ListResourceRecordSets");
    const result = await lab.observer().apexNameservers(zone.id, "denied.example", undefined);
    lab.emulator.faults.allow("ListResourceRecordSets");
    expect(result).toMatchObject({
      kind: "unavailable",
      deniedAction: "route53:ListResourceRecordSets",
    });
  });
});
