// How the WHOIS client turns a server's host name into addresses: the system resolver through the
// bounded lookup every observer shares (src/net/bounded-lookup.ts), so that a resolver stuck on a
// network that drops packets costs the query its timeout, never the process its exit.
import type { LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { boundedLookup } from "../../net/bounded-lookup.js";

export type HostResolver = (host: string) => Promise<readonly string[]>;

/** The system resolver, every address, within `timeoutMs`; an address literal is returned as it is. */
export function systemResolver(timeoutMs: number): HostResolver {
  const lookup = boundedLookup({ timeoutMs });
  return (host) =>
    isIP(host) !== 0
      ? Promise.resolve([host])
      : new Promise((resolve, reject) => {
          lookup(host, { all: true }, (error, addresses) => {
            if (error) reject(error);
            else resolve((addresses as LookupAddress[]).map((a) => a.address));
          });
        });
}
