// Real DNSSEC signing of lab zones with ldns (ldnsutils), for NSD to serve: keys made with
// ldns-keygen, zones signed with ldns-signzone, DS records computed with ldns-key2ds. What the
// walker then validates is what a real signer wrote, not what our own code produced.
import type { DsData, Zone } from "../../src/lab/zone.js";
import { toMasterFile } from "../../src/lab/zone.js";
import { parseDsLine, toolsMissingReason, Workdir } from "../dnssec/support/signing-tools.js";

export const ZONE_SIGNING_TOOLS = ["ldns-keygen", "ldns-signzone", "ldns-key2ds"] as const;

/** Why zones cannot be signed here, or undefined when they can. */
export function zoneSigningUnavailableReason(): string | undefined {
  return toolsMissingReason(ZONE_SIGNING_TOOLS, "Debian: apt-get install ldnsutils");
}

export interface SigningKey {
  /** The key files' base name, K<zone>.+<alg>+<tag>. */
  readonly base: string;
  readonly tag: number;
  readonly algorithm: number;
}

/** Signature validity, in Unix seconds. */
export interface SigningWindow {
  readonly inception: number;
  readonly expiration: number;
}

// RFC 5702 wants at least 1024 bits for RSASHA512; 2048 is today's norm.
const RSA_BITS: Readonly<Record<string, string>> = { RSASHA256: "2048", RSASHA512: "2048" };

export class ZoneSigner {
  readonly #dir = new Workdir();
  #files = 0;

  /** The temporary directory of the keys and zones (removed by `remove`). */
  get dir(): string {
    return this.#dir.path;
  }

  /** A key for `zone`: a key-signing key (SEP flag) with `ksk`, else a zone-signing key. */
  key(zone: string, algorithm: string, ksk: boolean, rsaBits?: number): SigningKey {
    const bits = rsaBits === undefined ? RSA_BITS[algorithm] : String(rsaBits);
    const args = ["-r", "/dev/urandom", "-a", algorithm, ...(bits ? ["-b", bits] : [])];
    const base = this.#dir.run("ldns-keygen", [...args, ...(ksk ? ["-k"] : []), zone]).trim();
    const [, alg, tag] = base.split("+");
    return { base, tag: Number(tag), algorithm: Number(alg) };
  }

  /** The zone as a master file signed with `keys` (their DNSKEYs added), NSEC, for NSD. */
  sign(zone: Zone, keys: readonly SigningKey[], window: SigningWindow): string {
    const name = `zone-${++this.#files}`;
    this.#dir.write(name, toMasterFile(zone));
    this.#dir.run("ldns-signzone", [
      "-f",
      `${name}.signed`,
      "-o",
      zone.origin,
      "-i",
      String(window.inception),
      "-e",
      String(window.expiration),
      name,
      ...keys.map((key) => key.base),
    ]);
    return this.#dir.read(`${name}.signed`);
  }

  /** The DS record of `key` with digest type 1 (SHA-1), 2 (SHA-256) or 4 (SHA-384). */
  ds(key: SigningKey, digestType: 1 | 2 | 4): DsData {
    const line = this.#dir.run("ldns-key2ds", ["-n", `-${digestType}`, `${key.base}.key`]);
    return parseDsLine(line);
  }

  /** The public key's base64, as Route 53 and registrars show it. */
  publicKey(key: SigningKey): string {
    const fields = this.#dir.read(`${key.base}.key`).trim().split(/\s+/);
    return fields.slice(fields.indexOf("DNSKEY") + 4).join("");
  }

  remove(): void {
    this.#dir.remove();
  }
}
