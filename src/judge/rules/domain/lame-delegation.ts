import { type DomainRule, fail, notApplicable, notChecked, passNoting } from "../types.js";

export const lameDelegation: DomainRule = {
  id: "lame-delegation",
  severity: "medium",
  title: "Some delegated servers do not serve the zone",
  doc: "Asks every address of every delegated name server for the zone's NS records. A server that does not answer authoritatively (REFUSED, SERVFAIL, no AA, a referral, a timeout, an unreachable or non-public address, a name that does not resolve) is lame: resolvers that pick it fail or slow down. When no server answers, the domain does not resolve at all (high). An address that was not asked (beyond the servers or addresses a walk probes, past the query budget or the deadline of a walk, or no route to it from this host) leaves the check not checked, naming it, unless another server is already lame; IPv6 addresses skipped because IPv6 is off are named in the pass. Remove lame servers from the delegation or make them serve the zone.",
  evaluate({ intent, facts, observations }) {
    const { delegation } = observations;
    if (delegation.kind === "failed") return notChecked(`delegation: ${delegation.reason}`);
    const health = facts.health;
    if (delegation.kind === "not-delegated" || health === undefined)
      return notApplicable("the domain is not delegated");
    if (health.lame.length === 0) {
      return health.unexamined === undefined
        ? passNoting(health.ipv6Note)
        : notChecked(`not every delegated server was asked: ${health.unexamined}`);
    }
    const none = health.authoritative === 0;
    const servers = health.lame.map(
      (s) => `${s.nameserver}${s.address ? ` (${s.address})` : ""}: ${s.detail}`,
    );
    return fail({
      message: none
        ? `No delegated server of ${intent.unicode} answers authoritatively: ${servers.join("; ")}.`
        : `${health.lame.length} of ${health.total} delegated server addresses of ${intent.unicode} are lame: ${servers.join("; ")}.`,
      expected: "every delegated server answers authoritatively",
      observed: servers,
      remediation: `Make these servers serve ${intent.unicode}, or remove them from its delegation.`,
      ...(none ? { severity: "high" as const } : {}),
    });
  },
};
