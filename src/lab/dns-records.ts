// Shorthand for writing lab zones in code: `zone("com", [ns("example.com", "ns1.host.net")])`.
// Names are absolute, without the trailing dot; the root is ".".

import type { DsData, Zone, ZoneRecord } from "./zone.js";

/** Delegation TTL of the real com/net zones. */
const DELEGATION_TTL = 172_800;

export const ns = (name: string, target: string, ttl = DELEGATION_TTL): ZoneRecord => ({
  name,
  ttl,
  type: "NS",
  data: target,
});

export const a = (name: string, address: string, ttl = DELEGATION_TTL): ZoneRecord => ({
  name,
  ttl,
  type: "A",
  data: address,
});

export const aaaa = (name: string, address: string, ttl = DELEGATION_TTL): ZoneRecord => ({
  name,
  ttl,
  type: "AAAA",
  data: address,
});

/** A or AAAA, whichever the address is. */
export const address = (name: string, value: string, ttl = DELEGATION_TTL): ZoneRecord =>
  value.includes(":") ? aaaa(name, value, ttl) : a(name, value, ttl);

export const cname = (name: string, target: string, ttl = 3600): ZoneRecord => ({
  name,
  ttl,
  type: "CNAME",
  data: target,
});

export const mx = (name: string, preference: number, exchange: string, ttl = 3600): ZoneRecord => ({
  name,
  ttl,
  type: "MX",
  data: { preference, exchange },
});

export const ds = (name: string, data: DsData, ttl = 86_400): ZoneRecord => ({
  name,
  ttl,
  type: "DS",
  data,
});

export interface ZoneOptions {
  readonly serial?: number;
  /** The SOA MINIMUM: how long resolvers keep negative answers. */
  readonly negativeTtl?: number;
}

/** A zone with an SOA at its apex followed by `records`. */
export function zone(
  origin: string,
  records: readonly ZoneRecord[],
  options: ZoneOptions = {},
): Zone {
  const host = origin === "." ? "" : `.${origin}`;
  const soa: ZoneRecord = {
    name: origin,
    ttl: 3600,
    type: "SOA",
    data: {
      mname: `ns.lab${host}`,
      rname: `hostmaster.lab${host}`,
      serial: options.serial ?? 1,
      refresh: 7200,
      retry: 900,
      expire: 1_209_600,
      minimum: options.negativeTtl ?? 300,
    },
  };
  return { origin, records: [soa, ...records] };
}
