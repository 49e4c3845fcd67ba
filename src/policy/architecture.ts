import type { Architecture } from "./types.js";

/** The catalog id of AWS Route 53, as registrar and as DNS host: the pivot of the four setups. */
export const ROUTE53 = "route53";

/** The four setups (README, the `architecture` table), from who registers the domain and who hosts its DNS. */
export function architectureOf(registrar: string, dnsHost: string): Architecture {
  if (registrar === ROUTE53) return dnsHost === ROUTE53 ? "traditional" : "registrar-only";
  return dnsHost === ROUTE53 ? "dns-host-only" : "external";
}
