// The SDK finds the emulator only through the standard AWS endpoint variables; nothing in our
// code sets an endpoint. Each case points some services at a closed loopback port to show which
// variable each service reads.
import { createServer } from "node:net";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AccessKey, EmulatedAccount } from "../../../../src/lab/aws-emulator.js";
import type { AwsAccountSettings } from "../../../../src/observe/providers/route53/types.js";
import { useAwsLab, useEnvironmentCredentials } from "./aws-lab.js";

const lab = useAwsLab();
let account: EmulatedAccount;
let key: AccessKey;
let deadEndpoint: string;
const VARIABLES = [
  "AWS_ENDPOINT_URL",
  "AWS_ENDPOINT_URL_ROUTE_53",
  "AWS_ENDPOINT_URL_ROUTE_53_DOMAINS",
  "AWS_ENDPOINT_URL_STS",
] as const;

function setEndpoints(values: Partial<Record<(typeof VARIABLES)[number], string>>): void {
  for (const name of VARIABLES) {
    const value = values[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

beforeAll(async () => {
  ({ account, key } = lab.account());
  useEnvironmentCredentials(key);
  account.addHostedZone({ name: "routed.example" });
  account.registerDomain({ name: "routed.example" });
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  deadEndpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(() => setEndpoints(lab.emulator.endpointEnv));

describe("endpoint variables", () => {
  it("AWS_ENDPOINT_URL alone routes every service", async () => {
    setEndpoints({ AWS_ENDPOINT_URL: lab.emulator.url });
    const observer = lab.observer({ maxAttempts: 1 });
    expect((await observer.hostedZones("routed.example", undefined)).kind).toBe("found");
    expect((await observer.registration("routed.example", undefined)).kind).toBe("registered");
  });

  it("AWS_ENDPOINT_URL_ROUTE_53 and AWS_ENDPOINT_URL_ROUTE_53_DOMAINS win over AWS_ENDPOINT_URL", async () => {
    setEndpoints({
      AWS_ENDPOINT_URL: deadEndpoint,
      AWS_ENDPOINT_URL_ROUTE_53: lab.emulator.url,
      AWS_ENDPOINT_URL_ROUTE_53_DOMAINS: lab.emulator.url,
    });
    const observer = lab.observer({ maxAttempts: 1 });
    expect((await observer.hostedZones("routed.example", undefined)).kind).toBe("found");
    expect((await observer.registration("routed.example", undefined)).kind).toBe("registered");
  });

  it("Route 53 Domains reads AWS_ENDPOINT_URL_ROUTE_53_DOMAINS, not the Route 53 variable", async () => {
    setEndpoints({
      AWS_ENDPOINT_URL_ROUTE_53: lab.emulator.url,
      AWS_ENDPOINT_URL_ROUTE_53_DOMAINS: deadEndpoint,
    });
    const observer = lab.observer({ maxAttempts: 1 });
    expect((await observer.hostedZones("routed.example", undefined)).kind).toBe("found");
    const registration = await observer.registration("routed.example", undefined);
    expect(registration).toMatchObject({ kind: "unavailable" });
    if (registration.kind === "unavailable") expect(registration.reason).toContain("ECONNREFUSED");
  });

  it("AssumeRole reads AWS_ENDPOINT_URL_STS", async () => {
    const role = lab.emulator.addRole({ accountId: account.accountId, name: "routed" });
    const accounts = new Map<string, AwsAccountSettings>([
      [
        "role",
        {
          id: "role",
          profile: undefined,
          roleArn: role.arn,
          externalId: undefined,
        },
      ],
    ]);
    setEndpoints({ ...lab.emulator.endpointEnv, AWS_ENDPOINT_URL_STS: deadEndpoint });
    const refused = await lab
      .observer({ accounts, maxAttempts: 1 })
      .hostedZones("routed.example", "role");
    expect(refused).toMatchObject({ kind: "unavailable", account: "role" });
    if (refused.kind === "unavailable")
      expect(refused.reason).toMatch(/could not assume the role.*ECONNREFUSED/);

    setEndpoints(lab.emulator.endpointEnv);
    lab.emulator.resetCounters();
    const found = await lab
      .observer({ accounts, maxAttempts: 1 })
      .hostedZones("routed.example", "role");
    expect(found.kind).toBe("found");
    expect(lab.emulator.callCount("AssumeRole")).toBe(1);
  });
});
