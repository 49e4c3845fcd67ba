// Zone data for the simulated internet. One description serves both the in-process lab servers
// (which answer from these records) and NSD (which loads them as RFC 1035 master files), so a
// scenario is written once and runs against both.

export interface SoaData {
  readonly mname: string;
  readonly rname: string;
  readonly serial: number;
  readonly refresh: number;
  readonly retry: number;
  readonly expire: number;
  readonly minimum: number;
}

export interface MxData {
  readonly preference: number;
  /** Absolute, lower-case, without the trailing dot. */
  readonly exchange: string;
}

export interface DsData {
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  /** Hex, as in master files. */
  readonly digest: string;
}

/** A resource record. Names are absolute, lower-case, without the trailing dot. */
export type ZoneRecord = { readonly name: string; readonly ttl: number } & (
  | { readonly type: "SOA"; readonly data: SoaData }
  | { readonly type: "NS"; readonly data: string }
  | { readonly type: "A"; readonly data: string }
  | { readonly type: "AAAA"; readonly data: string }
  | { readonly type: "CNAME"; readonly data: string }
  | { readonly type: "DS"; readonly data: DsData }
  | { readonly type: "TXT"; readonly data: string }
  | { readonly type: "MX"; readonly data: MxData }
);

export interface Zone {
  /** The zone apex, e.g. `com` or `example.com`; the root is `.`. */
  readonly origin: string;
  readonly records: readonly ZoneRecord[];
}

const absolute = (name: string): string => (name === "." || name === "" ? "." : `${name}.`);

function rdataText(record: ZoneRecord): string {
  switch (record.type) {
    case "SOA": {
      const d = record.data;
      return `${absolute(d.mname)} ${absolute(d.rname)} ${d.serial} ${d.refresh} ${d.retry} ${d.expire} ${d.minimum}`;
    }
    case "NS":
    case "CNAME":
      return absolute(record.data);
    case "A":
    case "AAAA":
      return record.data;
    case "DS":
      return `${record.data.keyTag} ${record.data.algorithm} ${record.data.digestType} ${record.data.digest}`;
    case "TXT":
      return JSON.stringify(record.data);
    case "MX":
      return `${record.data.preference} ${absolute(record.data.exchange)}`;
  }
}

/** Renders a zone as an RFC 1035 master file with absolute names, as NSD and Knot load it. */
export function toMasterFile(zone: Zone): string {
  const lines = [`$ORIGIN ${absolute(zone.origin)}`];
  for (const record of zone.records) {
    lines.push(`${absolute(record.name)}\t${record.ttl}\tIN\t${record.type}\t${rdataText(record)}`);
  }
  return `${lines.join("\n")}\n`;
}
