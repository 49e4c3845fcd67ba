// Break 10.13 of the adversarial review: Route 53 writes a dot inside a label as `\056`, and the
// observer decoded it as a label separator, so the zone `a\056b.example.com` (three labels) stood
// in for the domain a.b.example.com (four): a hosted zone that serves none of it made
// `hosted-zone-missing` pass. Through the real SDK against the lab emulator.
import { describe, expect, it } from "vitest";
import { useAwsLab, useEnvironmentCredentials } from "../observe/providers/route53/aws-lab.js";

const lab = useAwsLab();

describe("10.13 Route 53 escapes", () => {
  it("10.13 a hosted zone whose label holds an escaped dot (\\056) never stands in for the domain with one more label", async () => {
    const { account, key } = lab.account();
    useEnvironmentCredentials(key);
    // One label "a.b" under example.com, as Route 53 allows and writes it: a\056b.example.com.
    account.addHostedZone({ name: "a\\.b.example.com" });
    const observer = lab.observer();

    expect(await observer.hostedZones("a.b.example.com", undefined)).toEqual({
      kind: "none",
      account: "default",
    });
    const inventory = await observer.inventory(undefined);
    expect(inventory.publicHostedZones).toMatchObject({
      kind: "ok",
      items: [{ name: "a\\056b.example.com" }],
    });
  });
});
