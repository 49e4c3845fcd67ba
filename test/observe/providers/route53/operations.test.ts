// Route 53 Domains ListOperations, read by the real SDK from the emulator: a domain's name-server
// updates and transfers in, newest first, with their status and message; one listing per account
// and set of types however many domains ask; paged; refused or shapeless answers are unavailable.
import { beforeAll, describe, expect, it } from "vitest";
import type { EmulatedAccount } from "../../../../src/lab/aws-emulator.js";
import { useAwsLab, useEnvironmentCredentials } from "./aws-lab.js";

const lab = useAwsLab();
let account: EmulatedAccount;
const TYPES = ["UPDATE_NAMESERVER", "TRANSFER_IN_DOMAIN"];
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

beforeAll(() => {
  const created = lab.account();
  account = created.account;
  useEnvironmentCredentials(created.key);
  account.addOperation({
    id: "op-old",
    domain: "moving.example",
    type: "UPDATE_NAMESERVER",
    status: "SUCCESSFUL",
    submitted: hoursAgo(48),
  });
  account.addOperation({
    id: "op-new",
    domain: "Moving.Example.",
    type: "UPDATE_NAMESERVER",
    status: "ERROR",
    submitted: hoursAgo(2),
    lastUpdated: hoursAgo(1),
    message: "The registry refused the name servers",
    statusFlag: "PENDING_CUSTOMER_ACTION",
  });
  account.addOperation({
    domain: "moving.example",
    type: "CHANGE_PRIVACY_PROTECTION",
    status: "SUCCESSFUL",
    submitted: hoursAgo(1),
  });
  account.addOperation({
    id: "op-transfer",
    domain: "incoming.example",
    type: "TRANSFER_IN_DOMAIN",
    status: "IN_PROGRESS",
    submitted: hoursAgo(3),
  });
  account.addOperation({
    domain: "ancient.example",
    type: "UPDATE_NAMESERVER",
    status: "FAILED",
    submitted: hoursAgo(24 * 200),
  });
});

describe("operations (ListOperations)", () => {
  it("a domain's operations of the asked types, newest first; one listing for every domain", async () => {
    lab.emulator.resetCounters();
    lab.emulator.faults.pageSize("ListOperations", 1);
    const observer = lab.observer();
    const moving = await observer.operations("moving.example", TYPES, undefined);
    const incoming = await observer.operations("incoming.example", TYPES, undefined);
    const ancient = await observer.operations("ancient.example", TYPES, undefined);
    lab.emulator.faults.pageSize("ListOperations", undefined);
    expect(moving).toMatchObject({
      kind: "ok",
      account: "default",
      operations: [
        {
          id: "op-new",
          type: "UPDATE_NAMESERVER",
          status: "ERROR",
          message: "The registry refused the name servers",
          statusFlag: "PENDING_CUSTOMER_ACTION",
          submittedAt: expect.any(String),
          lastUpdatedAt: expect.any(String),
        },
        { id: "op-old", status: "SUCCESSFUL", message: undefined, statusFlag: undefined },
      ],
    });
    expect(incoming).toMatchObject({
      kind: "ok",
      operations: [{ id: "op-transfer", type: "TRANSFER_IN_DOMAIN", status: "IN_PROGRESS" }],
    });
    // Older than the 90-day window: not asked for.
    expect(ancient).toMatchObject({ kind: "ok", operations: [] });
    // Three pages of one operation each, read once for all three domains.
    expect(lab.emulator.callCount("ListOperations")).toBe(3);
    expect(observer.stats().calls.ListOperations).toBe(3);
  });

  it("AccessDenied names route53domains:ListOperations", async () => {
    lab.emulator.faults.deny("ListOperations");
    const result = await lab.observer().operations("moving.example", TYPES, undefined);
    lab.emulator.faults.allow("ListOperations");
    expect(result).toMatchObject({
      kind: "unavailable",
      deniedAction: "route53domains:ListOperations",
    });
  });

  it("an answer without its Operations list is unavailable, not 'no operations'", async () => {
    lab.emulator.faults.answerWith("ListOperations", {
      status: 200,
      contentType: "application/x-amz-json-1.1",
      body: "{}",
    });
    const result = await lab.observer().operations("moving.example", TYPES, undefined);
    lab.emulator.faults.answerWith("ListOperations", undefined);
    expect(result).toMatchObject({
      kind: "unavailable",
      reason: expect.stringContaining("no Operations list"),
    });
  });
});
