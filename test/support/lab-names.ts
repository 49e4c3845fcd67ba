// Names the lab worlds of the suites share (init, shards, the Action, end to end): Route 53
// delegation sets, other hosts' servers, registrars as RDAP names them.

/** The n-th Route 53 delegation set: one server under each of .com, .net, .org, .co.uk. */
export function route53Set(n: number): string[] {
  const shard = String(n % 64).padStart(2, "0");
  return [
    `ns-${n}.awsdns-${shard}.com`,
    `ns-${512 + n}.awsdns-${shard}.net`,
    `ns-${1024 + n}.awsdns-${shard}.org`,
    `ns-${1536 + n}.awsdns-${shard}.co.uk`,
  ];
}

export const HOVER = ["ns1.hover.com", "ns2.hover.com"];
export const CLOUDFLARE = ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"];
/** Another Cloudflare pair: a zone moved to other servers of the same host. */
export const OTHER_CLOUDFLARE = ["cruz.ns.cloudflare.com", "dana.ns.cloudflare.com"];
export const AMAZON = { ianaId: 468, name: "Amazon Registrar, Inc." };
export const TUCOWS = { ianaId: 69, name: "Tucows Domains Inc." };
export const GODADDY = { ianaId: 146, name: "GoDaddy.com, LLC" };
export const LOCKED = ["client transfer prohibited"];
/** An expiry far enough away for any `expiry.minDays`. */
export const FAR = { expiration: "2030-01-01T00:00:00Z" };
