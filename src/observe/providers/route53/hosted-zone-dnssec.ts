// A hosted zone's DNSSEC signing as Route 53 reports it (GetDNSSEC): whether it signs, and its
// key-signing keys with their status and the DS digest each one expects at the parent. One call
// per zone, made only for zones whose domain is signed at the parent or whose policy asks about
// DNSSEC (see check/observe-domain.ts).
import { GetDNSSECCommand, type Route53Client } from "@aws-sdk/client-route-53";
import type { HostedZoneDnssecObservation, KeySigningKey } from "./types.js";
import { unavailableFromError } from "./unavailable.js";

const HEX = /^[0-9a-f]+$/i;

/** Route 53 allows two key-signing keys per zone; an answer with many more is not believed. */
export const MAX_KEY_SIGNING_KEYS = 16;

export async function readHostedZoneDnssec(
  client: Route53Client,
  account: string,
  zoneId: string,
): Promise<HostedZoneDnssecObservation> {
  try {
    const out = await client.send(new GetDNSSECCommand({ HostedZoneId: zoneId }));
    const listed = out.KeySigningKeys ?? [];
    if (listed.length > MAX_KEY_SIGNING_KEYS) {
      return {
        kind: "unavailable",
        account,
        reason: `GetDNSSEC listed ${listed.length} key-signing keys, more than the ${MAX_KEY_SIGNING_KEYS} examined`,
        deniedAction: undefined,
      };
    }
    const keySigningKeys = listed.map(
      (key): KeySigningKey => ({
        name: key.Name ?? "",
        status: key.Status ?? "",
        active: key.Status === "ACTIVE",
        statusMessage: key.StatusMessage,
        keyTag: key.KeyTag,
        algorithm: key.SigningAlgorithmType,
        flag: key.Flag,
        digestType: key.DigestAlgorithmType,
        publicKey: key.PublicKey,
        digest:
          key.DigestValue !== undefined && HEX.test(key.DigestValue)
            ? key.DigestValue.toLowerCase()
            : undefined,
      }),
    );
    const serveSignature = out.Status?.ServeSignature ?? "";
    return {
      kind: "ok",
      account,
      zoneId,
      serveSignature,
      signing: serveSignature === "SIGNING",
      statusMessage: out.Status?.StatusMessage,
      keySigningKeys,
    };
  } catch (error) {
    return unavailableFromError(account, "GetDNSSEC", error);
  }
}
