// The emulator itself, through the real SDK clients and raw HTTP: its answers must be what the
// SDK parses from real AWS, or the observer tests prove nothing.
import {
  GetHostedZoneCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from "@aws-sdk/client-route-53";
import { GetDomainDetailCommand, Route53DomainsClient } from "@aws-sdk/client-route-53-domains";
import { beforeAll, describe, expect, it } from "vitest";
import type { AccessKey, EmulatedAccount } from "../../../../src/lab/aws-emulator.js";
import { useAwsLab } from "./aws-lab.js";

const lab = useAwsLab();
let account: EmulatedAccount;
let key: AccessKey;

const route53 = (credentials: AccessKey = key): Route53Client =>
  new Route53Client({ region: "us-east-1", credentials, maxAttempts: 1 });

const errorOf = async (
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; status?: number }> => {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return {
      name: e.name,
      message: e.message,
      ...(e.$metadata?.httpStatusCode === undefined ? {} : { status: e.$metadata.httpStatusCode }),
    };
  }
  throw new Error("expected a failure");
};

beforeAll(() => {
  ({ account, key } = lab.account());
});

describe("Route 53 emulator", () => {
  it("escapes names the way Route 53 does", async () => {
    account.addHostedZone({ name: "*.wild.example" });
    account.addHostedZone({ name: "bücher.example" });
    const out = await route53().send(new ListHostedZonesCommand({}));
    const names = out.HostedZones?.map((z) => z.Name);
    expect(names).toContain("\\052.wild.example.");
    expect(names).toContain("b\\303\\274cher.example.");
  });

  it("lists record sets in Route 53 order from (name, type)", async () => {
    const zone = account.addHostedZone({
      name: "order.example",
      records: [
        { name: "www.order.example", type: "A", values: ["192.0.2.1"] },
        { name: "order.example", type: "MX", values: ["10 mail.order.example."] },
        { name: "a.www.order.example", type: "A", values: ["192.0.2.2"] },
        { name: "*.order.example", type: "A", values: ["192.0.2.3"] },
        { name: "order.example", type: "TXT", values: ['"v=spf1 -all"'] },
        { name: "b.order.example", type: "AAAA", values: ["2001:db8::1"] },
      ],
    });
    const all = await route53().send(new ListResourceRecordSetsCommand({ HostedZoneId: zone.id }));
    expect(all.ResourceRecordSets?.map((r) => `${r.Name} ${r.Type}`)).toEqual([
      "order.example. MX",
      "order.example. NS",
      "order.example. SOA",
      "order.example. TXT",
      "\\052.order.example. A",
      "b.order.example. AAAA",
      "www.order.example. A",
      "a.www.order.example. A",
    ]);
    const page = await route53().send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: `/hostedzone/${zone.id}`,
        StartRecordName: "order.example",
        StartRecordType: "SOA",
        MaxItems: 2,
      }),
    );
    expect(page.ResourceRecordSets?.map((r) => `${r.Name} ${r.Type}`)).toEqual([
      "order.example. SOA",
      "order.example. TXT",
    ]);
    expect(page).toMatchObject({
      IsTruncated: true,
      NextRecordName: "\\052.order.example.",
      NextRecordType: "A",
    });
  });

  it("answers GetHostedZone with a delegation set, or VPCs for a private zone", async () => {
    const pub = account.addHostedZone({
      name: "pub.example",
      nameServers: [
        "ns-1.awsdns-01.com",
        "ns-600.awsdns-01.net",
        "ns-1100.awsdns-01.org",
        "ns-1600.awsdns-01.co.uk",
      ],
    });
    const priv = account.addHostedZone({ name: "priv.example", private: true });
    const a = await route53().send(new GetHostedZoneCommand({ Id: pub.id }));
    expect(a.DelegationSet?.NameServers).toEqual([
      "ns-1.awsdns-01.com",
      "ns-600.awsdns-01.net",
      "ns-1100.awsdns-01.org",
      "ns-1600.awsdns-01.co.uk",
    ]);
    expect(a.HostedZone?.Config?.PrivateZone).toBe(false);
    const b = await route53().send(new GetHostedZoneCommand({ Id: priv.id }));
    expect(b.DelegationSet).toBeUndefined();
    expect(b.VPCs?.[0]?.VPCRegion).toBe("us-east-1");
    expect(
      await errorOf(route53().send(new GetHostedZoneCommand({ Id: "ZNOSUCHZONE" }))),
    ).toMatchObject({
      name: "NoSuchHostedZone",
      status: 404,
    });
  });

  it("refuses unsigned requests, unknown keys and missing session tokens", async () => {
    const unsigned = await fetch(`${lab.emulator.url}/2013-04-01/hostedzone`);
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toContain("<Code>MissingAuthenticationToken</Code>");
    const unsignedJson = await fetch(lab.emulator.url, {
      method: "POST",
      headers: {
        "x-amz-target": "Route53Domains_v20140515.ListDomains",
        "content-type": "application/x-amz-json-1.1",
      },
      body: "{}",
    });
    expect(await unsignedJson.json()).toMatchObject({
      __type: "MissingAuthenticationTokenException",
    });

    const stranger = { accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x".repeat(40) };
    expect(await errorOf(route53(stranger).send(new ListHostedZonesCommand({})))).toMatchObject({
      name: "InvalidClientTokenId",
      status: 403,
    });
    const domains = new Route53DomainsClient({
      region: "us-east-1",
      credentials: stranger,
      maxAttempts: 1,
    });
    expect(
      await errorOf(domains.send(new GetDomainDetailCommand({ DomainName: "x.example" }))),
    ).toMatchObject({
      name: "UnrecognizedClientException",
    });
  });

  it("injects AccessDenied naming the IAM action, and throttling for the next N calls", async () => {
    lab.emulator.faults.deny("ListHostedZones", account.accountId);
    const denied = await errorOf(route53().send(new ListHostedZonesCommand({})));
    expect(denied.name).toBe("AccessDenied");
    expect(denied.message).toContain("route53:ListHostedZones");
    lab.emulator.faults.allow("ListHostedZones");

    lab.emulator.faults.throttle("ListHostedZones", 2);
    expect((await errorOf(route53().send(new ListHostedZonesCommand({})))).name).toBe("Throttling");
    expect((await errorOf(route53().send(new ListHostedZonesCommand({})))).name).toBe("Throttling");
    await expect(route53().send(new ListHostedZonesCommand({}))).resolves.toBeDefined();
  });

  it("keeps each account's state apart by the signing key", async () => {
    const other = lab.account();
    other.account.addHostedZone({ name: "other.example" });
    const mine = await route53().send(new ListHostedZonesCommand({}));
    const theirs = await route53(other.key).send(new ListHostedZonesCommand({}));
    expect(mine.HostedZones?.map((z) => z.Name)).not.toContain("other.example.");
    expect(theirs.HostedZones?.map((z) => z.Name)).toEqual(["other.example."]);
    const log = lab.emulator.requestLog.filter((r) => r.accessKeyId === other.key.accessKeyId);
    expect(log.at(-1)).toMatchObject({
      accountId: other.account.accountId,
      operation: "ListHostedZones",
      status: 200,
    });
  });
});
