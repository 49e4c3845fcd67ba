// Route 53's name-server address ranges (AWS ip-ranges.json, service ROUTE53). They recognise
// white-label name servers (ns1.example.com with glue into Route 53) as Route 53.
import { BlockList, isIPv4, isIPv6 } from "node:net";
import ranges from "../data/aws-route53-ip-ranges.json" with { type: "json" };

const ROUTE53_RANGES = new BlockList();
for (const { ip_prefix } of ranges.prefixes) {
  const [network, length] = ip_prefix.split("/");
  if (network && length) ROUTE53_RANGES.addSubnet(network, Number(length), "ipv4");
}
for (const { ipv6_prefix } of ranges.ipv6_prefixes) {
  const [network, length] = ipv6_prefix.split("/");
  if (network && length) ROUTE53_RANGES.addSubnet(network, Number(length), "ipv6");
}

export function isRoute53Address(address: string): boolean {
  if (isIPv4(address)) return ROUTE53_RANGES.check(address, "ipv4");
  if (isIPv6(address)) return ROUTE53_RANGES.check(address, "ipv6");
  return false;
}
