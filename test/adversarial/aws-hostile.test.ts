// Break 10.4 of the adversarial review: a malformed 200 OK from AWS (an HTML page where
// ListHostedZones' XML belongs) parsed as zero zones: inventory findings vanished, the run exited
// 0, and route53 domains got a false `hosted-zone-missing`. Every call the observer makes, through
// the real AWS SDK, against the lab emulator answering hostile bodies: an answer without its
// documented shape is "unavailable", with the reason, never an empty or partial answer.
import { describe, expect, it } from "vitest";
import type { EmulatedOperation } from "../../src/lab/aws-emulator.js";
import type { AwsObserver } from "../../src/observe/providers/route53/index.js";
import { useAwsLab, useEnvironmentCredentials } from "../observe/providers/route53/aws-lab.js";

const lab = useAwsLab();

const HTML_PAGE = {
  status: 200,
  contentType: "text/html",
  body: "<!DOCTYPE html><html><body><h1>Down for maintenance</h1></body></html>",
};
const EMPTY_JSON = { status: 200, contentType: "application/x-amz-json-1.1", body: "{}" };

type Observed = { readonly kind: string; readonly reason?: string };

/** Each call the observer makes, the hostile body it gets, and what observes it. */
const CASES: ReadonlyArray<{
  readonly operation: EmulatedOperation;
  readonly answer: typeof HTML_PAGE;
  readonly observe: (observer: AwsObserver, zoneId: string) => Promise<Observed>;
}> = [
  {
    operation: "ListHostedZones",
    answer: HTML_PAGE,
    observe: (o) => o.hostedZones("shaped.example", undefined),
  },
  {
    operation: "ListHostedZones",
    answer: HTML_PAGE,
    observe: async (o) => (await o.inventory(undefined)).publicHostedZones,
  },
  {
    operation: "GetHostedZone",
    answer: HTML_PAGE,
    observe: (o) => o.hostedZones("shaped.example", undefined),
  },
  {
    operation: "ListResourceRecordSets",
    answer: HTML_PAGE,
    observe: (o, zoneId) => o.apexNameservers(zoneId, "shaped.example", undefined),
  },
  {
    operation: "ListDomains",
    answer: EMPTY_JSON,
    observe: (o) => o.registration("shaped.example", undefined),
  },
  {
    operation: "ListDomains",
    answer: EMPTY_JSON,
    observe: async (o) => (await o.inventory(undefined)).registeredDomains,
  },
  {
    operation: "GetDomainDetail",
    answer: EMPTY_JSON,
    observe: (o) => o.registration("shaped.example", undefined),
  },
];

describe("10.4 hostile AWS answers", () => {
  it("10.4 an AWS answer with status 200 but without its documented shape is unavailable with the reason, for every call the observer makes", async () => {
    const { account, key } = lab.account();
    useEnvironmentCredentials(key);
    const zone = account.addHostedZone({ name: "shaped.example" });
    account.registerDomain({ name: "shaped.example" });

    const observed: Record<string, Observed> = {};
    for (const [index, { operation, answer, observe }] of CASES.entries()) {
      lab.emulator.faults.clear();
      lab.emulator.faults.answerWith(operation, answer);
      observed[`${index} ${operation}`] = await observe(lab.observer(), zone.id);
    }
    lab.emulator.faults.clear();
    for (const [name, result] of Object.entries(observed)) {
      expect(result, name).toMatchObject({ kind: "unavailable" });
      expect(result.reason, name).toMatch(/answered without its documented shape/);
    }
    // The well-formed answers still read as they should.
    expect(await lab.observer().hostedZones("shaped.example", undefined)).toMatchObject({
      kind: "found",
    });
    expect(await lab.observer().registration("shaped.example", undefined)).toMatchObject({
      kind: "registered",
    });
  });
});
