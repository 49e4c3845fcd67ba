// What the demo prints around the report: what was started, what the reader is looking at, and
// what to do when this system cannot give the demo its loopback addresses.

export interface WorldSummary {
  /** The loopback /24 the name servers listen on, e.g. `127.83.4.0/24`. */
  readonly dnsNet: string;
  readonly dnsPort: number;
  readonly nameServers: number;
  readonly rdapUrl: string;
  readonly awsUrl: string;
}

export function introduction(world: WorldSummary): string {
  return [
    "domain-drift demo: a simulated internet, all on loopback; no credentials, no internet access.",
    `  ${world.nameServers} name servers (root, TLDs, Route 53, Hover, Cloudflare) on ${world.dnsNet}, port ${world.dnsPort}`,
    `  a registry RDAP server at ${world.rdapUrl}`,
    `  the Route 53 and Route 53 Domains APIs at ${world.awsUrl}, with one account`,
    "",
    "",
  ].join("\n");
}

export function explanation(exitCode: number): string {
  return [
    "",
    "What you are looking at: domain-drift checked the seven domains of examples/demo/northwind.yaml",
    "exactly as it checks real ones. It walked each delegation from the root name servers down, asked",
    "every delegated name server for the zone, read the registrar of record from the registry over",
    "RDAP, and asked the AWS account which domains it registers and which hosted zones it has. Four",
    "domains are as intended, one per setup (traditional, registrar-only, dns-host-only, external).",
    "Three have drifted: northwind-api.com's hosted zone was deleted and re-created on four new name",
    "servers, but the registrar still delegates to the old four, which answer REFUSED — anyone could",
    "create the zone there and answer for the domain; northwind-mail.com was transferred to another",
    "registrar; and northwind-shop.net's move to Cloudflare stopped half-way, its delegation split",
    `between two DNS hosts. The exit code, ${exitCode}, is what a CI job or a pull-request gate acts on`,
    "(0 as intended, 1 drift, 2 invalid input, 3 some checks could not run). To check your own",
    "domains, write a policy like that file in policies/ and run `npx domain-drift check` with AWS",
    "credentials that can read Route 53.",
    "",
  ].join("\n");
}

export const LOOPBACK_UNAVAILABLE = [
  "domain-drift demo: this system does not route all of 127.0.0.0/8 to the loopback interface, so",
  "the simulated name servers cannot each get their own 127.x.y.z address (binding one failed with",
  "EADDRNOTAVAIL). Linux does this by default; macOS gives only 127.0.0.1. Run the demo on Linux,",
  "in WSL, or in a Linux container, for example the published package:",
  "",
  "  docker run --rm -it node:20 npx --yes domain-drift demo",
  "",
  "or a clone of the repository (the second -v keeps the container's node_modules apart from yours):",
  "",
  '  docker run --rm -it -v "$PWD":/src -v /src/node_modules -w /src node:20 sh -c "npm ci && npm run demo"',
  "",
].join("\n");
