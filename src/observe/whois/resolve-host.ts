// How the WHOIS client turns a server's host name into addresses. One small function, so that the
// bounded, timed resolver the DNS hardening work brings can replace it in one place.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";

export type HostResolver = (host: string) => Promise<readonly string[]>;

/** The system resolver, every address; an address literal is returned as it is. */
export const systemResolver: HostResolver = async (host) => {
  if (isIP(host) !== 0) return [host];
  const addresses = await lookup(host, { all: true, verbatim: true });
  return addresses.map((a) => a.address);
};
