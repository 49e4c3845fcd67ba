// Policies at scale: 100,000 domains load, each placed at its own line. Apart from
// load.test.ts because it takes most of a minute: the mutation suites
// (vitest.mutation.config.ts) leave it out, as it would run again for every mutant it covers.
import { expect, it } from "vitest";
import { parsePolicySources } from "../../src/policy/load.js";

// How fast is for `npm run bench` to measure; this proves the result at that scale is right.
it("loads 100,000 domains, each at its own line", { timeout: 120_000 }, () => {
  const lines = ["version: 1", "defaults: { registrar: route53, dnsHost: route53 }", "domains:"];
  for (let index = 0; index < 100_000; index++) lines.push(`  d${index}.example.com: {}`);
  const bytes = new TextEncoder().encode(`${lines.join("\n")}\n`);
  const result = parsePolicySources([{ path: "big.yaml", bytes }]);
  expect(result.ok && result.policySet.domains).toHaveLength(100_000);
  expect(result.ok && result.policySet.domains[99_999]?.position).toEqual({
    file: "big.yaml",
    line: 100_003,
    column: 3,
  });
});
