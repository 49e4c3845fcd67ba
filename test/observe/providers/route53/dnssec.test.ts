// Route 53's GetDNSSEC and Route 53 Domains' DnssecKeys, read by the real SDK from the emulator:
// the signing status and key-signing keys of a hosted zone, and the DS records a registrar sent.
import { beforeAll, describe, expect, it } from "vitest";
import type { EmulatedAccount } from "../../../../src/lab/aws-emulator.js";
import { useAwsLab, useEnvironmentCredentials } from "./aws-lab.js";

const lab = useAwsLab();
let account: EmulatedAccount;

const DIGEST = "a1".repeat(32);

beforeAll(() => {
  const created = lab.account();
  account = created.account;
  useEnvironmentCredentials(created.key);
});

describe("hostedZoneDnssec (GetDNSSEC)", () => {
  it("a signing zone: status and key-signing keys, digests lower-case; one call per zone", async () => {
    const zone = account.addHostedZone({
      name: "signing.example",
      dnssec: {
        serveSignature: "SIGNING",
        keySigningKeys: [
          { name: "ksk1", status: "ACTIVE", keyTag: 4242, digest: DIGEST },
          {
            name: "ksk0",
            status: "ACTION_NEEDED",
            statusMessage: "the KMS key is disabled",
            keyTag: 17,
            digest: "b2".repeat(32),
          },
        ],
      },
    });
    lab.emulator.resetCounters();
    const observer = lab.observer();
    const result = await observer.hostedZoneDnssec(zone.id, undefined);
    expect(result).toEqual({
      kind: "ok",
      account: "default",
      zoneId: zone.id,
      serveSignature: "SIGNING",
      signing: true,
      statusMessage: undefined,
      keySigningKeys: [
        {
          name: "ksk1",
          status: "ACTIVE",
          active: true,
          statusMessage: undefined,
          keyTag: 4242,
          algorithm: 13,
          flag: 257,
          digestType: 2,
          digest: DIGEST,
          publicKey: Buffer.alloc(64, 0x5a).toString("base64"),
        },
        {
          name: "ksk0",
          status: "ACTION_NEEDED",
          active: false,
          statusMessage: "the KMS key is disabled",
          keyTag: 17,
          algorithm: 13,
          flag: 257,
          digestType: 2,
          digest: "b2".repeat(32),
          publicKey: Buffer.alloc(64, 0x5a).toString("base64"),
        },
      ],
    });
    await observer.hostedZoneDnssec(zone.id, undefined);
    expect(lab.emulator.callCount("GetDNSSEC")).toBe(1);
  });

  it("a zone that does not sign: NOT_SIGNING and no keys", async () => {
    const zone = account.addHostedZone({ name: "plain.example" });
    expect(await lab.observer().hostedZoneDnssec(zone.id, undefined)).toMatchObject({
      kind: "ok",
      serveSignature: "NOT_SIGNING",
      keySigningKeys: [],
    });
  });

  it("AccessDenied names route53:GetDNSSEC", async () => {
    const zone = account.addHostedZone({ name: "denied-dnssec.example" });
    lab.emulator.faults.deny("GetDNSSEC");
    const result = await lab.observer().hostedZoneDnssec(zone.id, undefined);
    lab.emulator.faults.allow("GetDNSSEC");
    expect(result).toMatchObject({ kind: "unavailable", deniedAction: "route53:GetDNSSEC" });
  });

  it("an answer without its Status is unavailable, not 'not signing'", async () => {
    const zone = account.addHostedZone({ name: "shapeless.example" });
    lab.emulator.faults.answerWith("GetDNSSEC", {
      status: 200,
      contentType: "text/xml",
      body: "<html><body>maintenance</body></html>",
    });
    const result = await lab.observer().hostedZoneDnssec(zone.id, undefined);
    lab.emulator.faults.answerWith("GetDNSSEC", undefined);
    expect(result).toMatchObject({ kind: "unavailable" });
  });
});

describe("registration DnssecKeys (GetDomainDetail)", () => {
  it("the DS records the registrar holds, digests lower-case", async () => {
    account.registerDomain({
      name: "keys.example",
      nameservers: ["ns1.keys.example"],
      dnssecKeys: [{ keyTag: 4242, algorithm: 13, digestType: 2, digest: DIGEST, id: "k-1" }],
    });
    const result = await lab.observer().registration("keys.example", undefined);
    expect(result.kind).toBe("registered");
    if (result.kind !== "registered") return;
    expect(result.detail.dnssecKeys).toEqual([
      { keyTag: 4242, algorithm: 13, flags: 257, digestType: 2, digest: DIGEST, id: "k-1" },
    ]);
  });
});
