// The built-in provider catalog, as data (listed for users in docs/policy-language.md, "Built-in
// providers"). Registrar names are IANA's registry entries verbatim (registrar-ids-1.csv).
//
// `sharedHosting` is true where any customer can create a zone of any name on the provider's servers
// without proving control of the domain: a delegation left pointing there after the zone is gone can
// be claimed by someone else (the "sitting ducks" takeover). It is false where the servers answer only
// for domains registered with the provider or provisioned under an enterprise contract.
import type { Provider } from "./types.js";

type BuiltinProvider = Omit<Provider, "origin">;

export const BUILTIN_PROVIDERS: readonly BuiltinProvider[] = [
  {
    id: "route53",
    name: "Amazon Route 53",
    dnsHost: {
      nameservers: ["ns-*.awsdns-*.{com,net,org,co.uk}"],
      // Any AWS account can create a public hosted zone of any name; its servers come from a shared pool.
      sharedHosting: true,
    },
    registrar: {
      // Route 53 Domains registers through Amazon Registrar, or through Gandi for some TLDs.
      ianaIds: [468, 81],
      names: ["Amazon Registrar, Inc.", "Gandi SAS"],
    },
  },
  {
    id: "cloudflare",
    name: "Cloudflare",
    dnsHost: {
      nameservers: ["*.ns.cloudflare.com"],
      // Any account can add any zone; name-server pairs are assigned from a pool shared by all accounts.
      sharedHosting: true,
    },
    registrar: { ianaIds: [1910], names: ["Cloudflare, Inc."] },
  },
  {
    id: "google-cloud-dns",
    name: "Google Cloud DNS",
    dnsHost: {
      nameservers: ["ns-cloud-[a-e][1-4].googledomains.com"],
      // Any project can create a public managed zone of any name on the shared ns-cloud shards.
      sharedHosting: true,
    },
    registrar: undefined,
  },
  {
    id: "azure-dns",
    name: "Azure DNS",
    dnsHost: {
      nameservers: ["ns[1-4]-*.azure-dns.{com,net,org,info}"],
      // Any subscription can create a zone of any name; Microsoft documents dangling-delegation takeovers.
      sharedHosting: true,
    },
    registrar: undefined,
  },
  {
    id: "godaddy",
    name: "GoDaddy",
    dnsHost: {
      nameservers: ["ns*.domaincontrol.com"],
      // An account can add DNS hosting for a domain registered elsewhere without proving control of it.
      sharedHosting: true,
    },
    registrar: { ianaIds: [146], names: ["GoDaddy.com, LLC"] },
  },
  {
    id: "hover",
    name: "Hover",
    dnsHost: {
      nameservers: ["ns1.hover.com", "ns2.hover.com"],
      // Hover serves zones only for domains registered in a Hover account.
      sharedHosting: false,
    },
    // Hover is a Tucows brand and registers under Tucows' accreditation.
    registrar: { ianaIds: [69], names: ["Tucows Domains Inc.", "Tucows, Inc.", "Hover"] },
  },
  {
    id: "namecheap",
    name: "Namecheap",
    dnsHost: {
      nameservers: ["*.registrar-servers.com"],
      // Namecheap's FreeDNS hosts zones for domains registered elsewhere, without proof of control.
      sharedHosting: true,
    },
    registrar: { ianaIds: [1068], names: ["NameCheap, Inc."] },
  },
  {
    id: "digitalocean",
    name: "DigitalOcean",
    dnsHost: {
      nameservers: ["ns[1-3].digitalocean.com"],
      // Any account can add any domain; every zone is served by the same three servers.
      sharedHosting: true,
    },
    registrar: undefined,
  },
  {
    id: "ns1",
    name: "NS1 (IBM NS1 Connect)",
    dnsHost: {
      nameservers: ["dns[1-4].p*.nsone.net"],
      // Self-service accounts can create any zone on the shared dnsN.pNN pools.
      sharedHosting: true,
    },
    registrar: undefined,
  },
  {
    id: "dnsimple",
    name: "DNSimple",
    dnsHost: {
      nameservers: ["ns*.dnsimple.com", "ns*.dnsimple-edge.{net,org}"],
      // Any account can add a domain for DNS hosting; all zones share the same servers.
      sharedHosting: true,
    },
    registrar: { ianaIds: [1730], names: ["DNSimple Registrar LLC"] },
  },
  {
    id: "gandi",
    name: "Gandi",
    dnsHost: {
      nameservers: ["ns-*.gandi.net"],
      // LiveDNS hosts zones for domains registered elsewhere on shared servers.
      sharedHosting: true,
    },
    // No registrar role: IANA 81 (Gandi SAS) already means `route53` (Route 53 registers some TLDs
    // through Gandi; see the `route53` entry). A team that
    // registers directly at Gandi extends this entry with `registrar: { ianaIds: [81] }`.
    registrar: undefined,
  },
  {
    id: "vercel",
    name: "Vercel",
    dnsHost: {
      nameservers: ["ns[12].vercel-dns.com"],
      // Any account can add a domain that no other account uses; all zones share ns1/ns2.
      sharedHosting: true,
    },
    registrar: undefined,
  },
  {
    id: "akamai",
    name: "Akamai Edge DNS",
    dnsHost: {
      nameservers: ["a*-*.akam.net"],
      // Zones are provisioned only under an enterprise contract.
      sharedHosting: false,
    },
    registrar: undefined,
  },
  {
    id: "ultradns",
    name: "UltraDNS (Vercara)",
    dnsHost: {
      nameservers: ["pdns*.ultradns.*", "udns*.ultradns.net"],
      // Enterprise contracts only; the operator states its servers are not open to zone claiming.
      sharedHosting: false,
    },
    registrar: undefined,
  },
  {
    id: "porkbun",
    name: "Porkbun",
    dnsHost: {
      nameservers: ["*.ns.porkbun.com"],
      // Porkbun serves zones only for domains registered with Porkbun.
      sharedHosting: false,
    },
    registrar: { ianaIds: [1861], names: ["Porkbun LLC"] },
  },
  {
    id: "squarespace",
    name: "Squarespace Domains (formerly Google Domains)",
    dnsHost: {
      nameservers: ["*.squarespacedns.com"],
      // Squarespace serves zones only for domains registered with Squarespace.
      sharedHosting: false,
    },
    registrar: {
      // 895 was Google Domains' accreditation (Google LLC) before Squarespace took it over in 2023.
      ianaIds: [895, 3827],
      names: ["Squarespace Domains II LLC", "Squarespace Domains LLC", "Google LLC"],
    },
  },
  {
    id: "markmonitor",
    name: "MarkMonitor",
    dnsHost: undefined,
    registrar: { ianaIds: [292], names: ["MarkMonitor Inc."] },
  },
  {
    id: "csc",
    name: "CSC Corporate Domains",
    dnsHost: undefined,
    registrar: { ianaIds: [299], names: ["CSC Corporate Domains, Inc."] },
  },
];
