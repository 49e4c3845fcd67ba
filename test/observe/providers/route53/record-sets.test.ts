// ListResourceRecordSets across pages through the real SDK against the Route 53 emulator: the
// names and types a hosted zone holds, which record parity compares when a domain moves to it.
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

describe("recordSets (zoneRecords)", () => {
  it("lists every record set across pages, names normalised, each name and type once", async () => {
    const zone = account.addHostedZone({
      name: "moving.example",
      records: [
        { name: "moving.example", type: "MX", values: ["10 mx.moving.example."] },
        { name: "moving.example", type: "TXT", values: ['"v=spf1 -all"'] },
        { name: "WWW.moving.example", type: "CNAME", values: ["moving.example."] },
        { name: "*.moving.example", type: "A", values: ["192.0.2.1"] },
        { name: "_dmarc.moving.example", type: "TXT", values: ['"v=DMARC1; p=none"'] },
      ],
    });
    lab.emulator.faults.pageSize("ListResourceRecordSets", 2);
    lab.emulator.resetCounters();
    const observer = lab.observer();
    const result = await observer.recordSets(zone.id, undefined, 100);
    lab.emulator.faults.pageSize("ListResourceRecordSets", undefined);
    expect(result.kind).toBe("ok");
    if (result.kind !== "ok") return;
    expect(result.complete).toBe(true);
    expect(result.zoneId).toBe(zone.id);
    const key = (r: { name: string; type: string }) => `${r.name} ${r.type}`;
    expect(result.records.map(key).sort()).toEqual([
      "*.moving.example A",
      "_dmarc.moving.example TXT",
      "moving.example MX",
      "moving.example NS",
      "moving.example SOA",
      "moving.example TXT",
      "www.moving.example CNAME",
    ]);
    // Seven sets, two a page: four calls, each counted.
    expect(lab.emulator.callCount("ListResourceRecordSets")).toBe(4);
    expect(observer.stats().calls.ListResourceRecordSets).toBe(4);
  });

  it("stops at the count asked for and says the list is cut", async () => {
    const zone = account.addHostedZone({
      name: "big.example",
      records: Array.from({ length: 20 }, (_, i) => ({
        name: `host${i}.big.example`,
        type: "A",
        values: [`192.0.2.${i + 1}`],
      })),
    });
    lab.emulator.faults.pageSize("ListResourceRecordSets", 5);
    lab.emulator.resetCounters();
    const result = await lab.observer().recordSets(zone.id, undefined, 7);
    lab.emulator.faults.pageSize("ListResourceRecordSets", undefined);
    expect(result).toMatchObject({ kind: "ok", complete: false });
    if (result.kind === "ok") expect(result.records).toHaveLength(7);
    expect(lab.emulator.callCount("ListResourceRecordSets")).toBe(2);
  });

  it("AccessDenied names route53:ListResourceRecordSets", async () => {
    const zone = account.addHostedZone({ name: "denied-records.example" });
    lab.emulator.faults.deny("ListResourceRecordSets");
    const result = await lab.observer().recordSets(zone.id, undefined, 100);
    lab.emulator.faults.allow("ListResourceRecordSets");
    expect(result).toMatchObject({
      kind: "unavailable",
      deniedAction: "route53:ListResourceRecordSets",
    });
  });

  it("an answer without its documented shape is unavailable, never an empty zone", async () => {
    const zone = account.addHostedZone({ name: "shapeless-records.example" });
    lab.emulator.faults.answerWith("ListResourceRecordSets", {
      status: 200,
      contentType: "text/xml",
      body: "<html><body>maintenance</body></html>",
    });
    const result = await lab.observer().recordSets(zone.id, undefined, 100);
    lab.emulator.faults.answerWith("ListResourceRecordSets", undefined);
    expect(result).toMatchObject({ kind: "unavailable" });
    if (result.kind === "unavailable") expect(result.reason).toContain("ListResourceRecordSets");
  });

  it("a page marker given twice ends the listing as unavailable", async () => {
    const zone = account.addHostedZone({ name: "loop.example" });
    lab.emulator.faults.answerWith("ListResourceRecordSets", {
      status: 200,
      contentType: "text/xml",
      body: `<ListResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ResourceRecordSets/><IsTruncated>true</IsTruncated><NextRecordName>loop.example.</NextRecordName><NextRecordType>A</NextRecordType><MaxItems>300</MaxItems></ListResourceRecordSetsResponse>`,
    });
    const result = await lab.observer().recordSets(zone.id, undefined, 100);
    lab.emulator.faults.answerWith("ListResourceRecordSets", undefined);
    expect(result).toMatchObject({ kind: "unavailable" });
    if (result.kind === "unavailable") expect(result.reason).toContain("twice");
  });
});
