// The policies of the namespace cases.

/** example.com, meant for Route 53 on both sides. */
export const ROUTE53_POLICY = `version: 1
domains:
  example.com:
    registrar: route53
    dnsHost: route53
`;

/** dual.com on the dual-stack world's own name servers. */
export const DUAL_POLICY = `version: 1
providers:
  dual-dns:
    name: Dual DNS
    dnsHost: { nameservers: ["ns[12].dual.com"] }
domains:
  dual.com:
    registrar: route53
    dnsHost: dual-dns
`;
