// Signing real zones with ldns (ldnsutils) and BIND (bind9-utils) in a temporary directory, and
// reading the result back as raw records. `ldns-read-zone -U NULL` prints every record of every
// type but NULL (which the zone does not use) in the RFC 3597 generic form (`owner ttl class TYPEn
// \# length hex`), so the test reads the tools' own RDATA octets and needs no presentation parser.

import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DsInput } from "../../../src/observe/dns/dnssec/rdata.js";
import type { WireRecord } from "../../../src/observe/dns/dnssec/records.js";
import { wireName } from "./records.js";

export const LDNS_TOOLS = [
  "ldns-keygen",
  "ldns-signzone",
  "ldns-read-zone",
  "ldns-key2ds",
] as const;
export const BIND_TOOLS = ["dnssec-keygen", "dnssec-signzone", "dnssec-dsfromkey"] as const;

/** Why these tools cannot be used here (some are not on PATH), or undefined when they can. */
export function toolsMissingReason(tools: readonly string[], install: string): string | undefined {
  const missing = tools.filter(
    (tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0,
  );
  return missing.length === 0 ? undefined : `${missing.join(", ")} not installed (${install})`;
}

export const ZONE = "example.test";

// Mixed case on purpose: owners and the names inside SOA, NS and MX RDATA are lower-cased for
// signing (RFC 4034 §6.2), NSEC's Next Domain Name is not (RFC 6840 §5.1).
export const ZONE_TEXT = `$ORIGIN Example.TEST.
$TTL 3600
@      IN SOA  NS1.Example.TEST. HostMaster.example.test. 2024010101 7200 3600 1209600 300
@      IN NS   ns1.example.test.
@      IN NS   NS2.Example.test.
@      IN NS   ns.Other.invalid.
@      IN MX   10 Mail.Example.TEST.
ns1    IN A    192.0.2.1
NS2    IN A    192.0.2.2
www    IN A    192.0.2.4
www    IN A    192.0.2.3
*.wild IN TXT  "wildcard"
`;

export class Workdir {
  readonly path = mkdtempSync(join(tmpdir(), "dnssec-core-"));

  run(command: string, args: readonly string[]): string {
    return execFileSync(command, args, {
      cwd: this.path,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  }

  write(name: string, text: string): void {
    writeFileSync(join(this.path, name), text);
  }

  read(name: string): string {
    return readFileSync(join(this.path, name), "utf8");
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** Records printed as `owner ttl class TYPEn \# length hex...`, one a line. */
export function parseGenericRecords(text: string): WireRecord[] {
  const records: WireRecord[] = [];
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith(";")) continue;
    const [owner, ttl, rrClass, type, marker, length, ...hex] = trimmed.split(/\s+/);
    const typeNumber = /^TYPE(\d+)$/.exec(type ?? "")?.[1];
    if (owner === undefined || rrClass !== "IN" || typeNumber === undefined || marker !== "\\#") {
      throw new Error(`not a generic record line: ${trimmed}`);
    }
    const rdata = Buffer.from(hex.join(""), "hex");
    if (rdata.length !== Number(length)) throw new Error(`RDATA length mismatch: ${trimmed}`);
    records.push({
      owner: wireName(owner),
      type: Number(typeNumber),
      class: 1,
      ttl: Number(ttl),
      rdata,
    });
  }
  return records;
}

/** A DS record as the tools print it: `owner [ttl] IN DS tag algorithm type digest`. */
export function parseDsLine(line: string): DsInput {
  const fields = line.trim().split(/\s+/);
  const at = fields.indexOf("DS");
  const [keyTag, algorithm, digestType, ...digest] = fields.slice(at + 1);
  return {
    keyTag: Number(keyTag),
    algorithm: Number(algorithm),
    digestType: Number(digestType),
    digest: digest.join("").toLowerCase(),
  };
}

export interface ToolKey {
  /** The key files' base name, K<zone>+<alg>+<tag>. */
  readonly base: string;
  readonly tag: number;
}

const tagOf = (base: string): number => Number(base.split("+").at(-1));

// RSA key sizes: RFC 5702 wants at least 1024 bits for RSASHA512; 2048 is today's norm.
const RSA_BITS: Readonly<Record<string, string>> = {
  RSASHA1: "1024",
  "RSASHA1-NSEC3-SHA1": "1024",
  RSASHA256: "2048",
  RSASHA512: "2048",
};

export const ldns = {
  keygen(dir: Workdir, algorithm: string, ksk: boolean): ToolKey {
    const bits = RSA_BITS[algorithm];
    const args = [
      "-r",
      "/dev/urandom",
      "-a",
      algorithm,
      ...(bits ? ["-b", bits] : []),
      ...(ksk ? ["-k"] : []),
      ZONE,
    ];
    const base = dir.run("ldns-keygen", args).trim();
    return { base, tag: tagOf(base) };
  },

  /** Signs ZONE_TEXT with the keys; dates are YYYYMMDD[hhmmss] or Unix seconds. */
  sign(
    dir: Workdir,
    keys: readonly ToolKey[],
    window: { inception: string; expiration: string },
  ): WireRecord[] {
    dir.write("zone", ZONE_TEXT);
    const out = `signed-${keys.map((key) => key.tag).join("-")}`;
    dir.run("ldns-signzone", [
      "-f",
      out,
      "-o",
      ZONE,
      "-i",
      window.inception,
      "-e",
      window.expiration,
      "zone",
      ...keys.map((key) => key.base),
    ]);
    return parseGenericRecords(dir.run("ldns-read-zone", ["-U", "NULL", out]));
  },

  ds(dir: Workdir, key: ToolKey, digestType: 1 | 2 | 4): DsInput {
    return parseDsLine(dir.run("ldns-key2ds", ["-n", `-${digestType}`, `${key.base}.key`]));
  },
};

export const bind = {
  keygen(dir: Workdir, algorithm: string, ksk: boolean): ToolKey {
    const bits = RSA_BITS[algorithm];
    const args = [
      "-q",
      "-K",
      dir.path,
      "-a",
      algorithm,
      ...(bits ? ["-b", bits] : []),
      ...(ksk ? ["-f", "KSK"] : []),
      ZONE,
    ];
    const base = dir.run("dnssec-keygen", args).trim();
    return { base, tag: tagOf(base) };
  },

  /** dnssec-signzone wants the DNSKEYs in the zone file; its output is read back through ldns. */
  sign(
    dir: Workdir,
    keys: readonly ToolKey[],
    window: { inception: string; expiration: string },
  ): WireRecord[] {
    dir.write("zone", ZONE_TEXT + keys.map((key) => dir.read(`${key.base}.key`)).join("\n"));
    dir.run("dnssec-signzone", [
      "-q",
      "-o",
      ZONE,
      "-s",
      window.inception,
      "-e",
      window.expiration,
      "-f",
      "signed",
      "zone",
      ...keys.map((key) => key.base),
    ]);
    return parseGenericRecords(dir.run("ldns-read-zone", ["-U", "NULL", "signed"]));
  },

  ds(dir: Workdir, key: ToolKey, digestType: 1 | 2 | 4): DsInput {
    const digest = { 1: "SHA-1", 2: "SHA-256", 4: "SHA-384" }[digestType];
    return parseDsLine(dir.run("dnssec-dsfromkey", ["-a", digest, `${key.base}.key`]));
  },
};
