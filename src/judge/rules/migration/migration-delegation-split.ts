import { delegationSides } from "../migration-facts.js";
import { type DomainRule, fail, notApplicable, notChecked, pass } from "../types.js";

export const migrationDelegationSplit: DomainRule = {
  id: "migration-delegation-split",
  severity: "high",
  title: "The delegation is split between a migration's old and target DNS host",
  doc: "For a domain whose policy declares a DNS-host migration, asks every server of the parent zone for the delegation (as `--all-parents` does) and sorts each answer by host. Some servers on the old host and some on the target (or one NS set naming both) means resolvers get either host's answers depending on the server they ask: a registry update still propagating, or one that failed half-way. Usually it converges within hours; if it persists, check the registrar's operation and submit the name servers again.",
  evaluate({ intent, catalog, observations }) {
    const move = intent.migration?.dnsHost;
    if (move === undefined) return notApplicable("the policy declares no DNS-host migration");
    const sides = delegationSides(catalog, move, observations);
    if (sides.kind === "unknown") return notChecked(sides.reason);
    if (sides.side !== "split") return pass;
    const observed = sides.parents.map(
      (p) => `${p.server.name} (${p.server.address}): ${p.ns?.join(", ") ?? p.side} [${p.side}]`,
    );
    const onTarget = sides.parents.filter((p) => p.side === "target").length;
    return fail({
      message: `${onTarget} of ${sides.parents.length} parent servers delegate ${intent.unicode} to ${move.to}; the others do not: the delegation is split between ${move.from} and ${move.to}.`,
      expected: `every parent server delegating to ${move.to} (or all still to ${move.from})`,
      observed,
      remediation: `Check the registrar's name-server update (aws route53domains list-operations --region us-east-1 --type UPDATE_NAMESERVER); keep both hosts serving identical data until every parent server delegates to ${move.to}; if it persists for more than a day, submit the name servers again or contact the registrar.`,
    });
  },
};
