// Which servers of a side record parity asks: the addresses the delegation walk (or the target's
// probe) asked, so that parity keeps to the walk's address gate, caps and IPv6 setting. A server
// or address the walk did not ask is not asked here either, and is named with why it was not asked
// (the walk's query budget or deadline, a cap, IPv6 off, an address it could not resolve); when
// that leaves a side with none, so is the side, never "no server is known".

import { describeAddresses, describeServerAnswer } from "../dns/describe.js";
import type { NameServerObservation, ServerAnswer } from "../dns/types.js";
import type { ParityServer, SideServersNotAsked } from "./types.js";

/** Answers of addresses the walk never sent a question: parity does not ask them either. */
const notAsked = (answer: ServerAnswer): boolean =>
  answer.kind === "not-probed" || answer.kind === "blocked";

/** `ns1.hover.com (192.0.2.1, 192.0.2.2): not probed: ...`, one per server and reason. */
function unaskedOf(server: NameServerObservation): string[] {
  if (server.addresses.kind !== "ok") {
    return [`${server.name}: ${describeAddresses(server.addresses)}`];
  }
  const byReason = new Map<string, string[]>();
  for (const probe of server.probes) {
    if (!notAsked(probe.answer)) continue;
    const reason = describeServerAnswer(probe.answer);
    byReason.set(reason, [...(byReason.get(reason) ?? []), probe.address]);
  }
  const unasked = [...byReason].map(
    ([reason, addresses]) => `${server.name} (${addresses.join(", ")}): ${reason}`,
  );
  // Addresses of a family whose lookup did not finish are unknown, so never asked.
  if (server.addresses.incomplete !== undefined) {
    unasked.push(`${server.name}: ${describeAddresses(server.addresses)}`);
  }
  return unasked;
}

/**
 * Every address of `observed` the walk asked, as record parity names its servers, with those it
 * did not ask; or, when it asked none, why: each server of the `label` side and why the walk did
 * not ask it. The walk's caps bound the lists (20 servers, 8 addresses each).
 */
export function paritySideServers(
  label: "old" | "target",
  observed: readonly NameServerObservation[],
):
  | {
      readonly servers: readonly ParityServer[];
      readonly notAsked: SideServersNotAsked | undefined;
    }
  | string {
  const servers = observed.flatMap((server) =>
    server.probes
      .filter((probe) => !notAsked(probe.answer))
      .map((probe) => ({ name: server.name, address: probe.address })),
  );
  const unasked = observed.flatMap(unaskedOf);
  if (servers.length === 0 && observed.length > 0) {
    return `no server of the ${label} host was asked by the delegation walk: ${unasked.join("; ")}`;
  }
  return {
    servers,
    notAsked: unasked.length > 0 ? { side: label, servers: unasked } : undefined,
  };
}
