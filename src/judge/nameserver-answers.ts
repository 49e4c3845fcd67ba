// The delegated servers' answers as the report keeps them: one entry per address asked, with the
// failure in the words `trace` and the lame-delegation rule use. The HTML report draws the chain
// registry → name server → zone from these.
import { describeNotProbed, describeServerAnswer } from "../observe/dns/describe.js";
import type { DelegationObservation, NameServerAddresses } from "../observe/dns/types.js";
import type { NameserverAnswer } from "../report/model/model.js";
import { sharedNames } from "./shared-values.js";

function addressFailure(addresses: NameServerAddresses): string {
  switch (addresses.kind) {
    case "nxdomain":
      return `the name does not exist (NXDOMAIN from ${addresses.zone})`;
    case "failed":
      return `cannot be resolved: ${addresses.reason}`;
    case "not-probed":
      return `not probed: ${describeNotProbed(addresses.reason)}`;
    default:
      return "cannot be resolved: the name has no address";
  }
}

export function nameserverAnswers(
  delegation: DelegationObservation,
): readonly NameserverAnswer[] | undefined {
  if (delegation.kind !== "delegated") return undefined;
  return delegation.nameservers.flatMap((server): NameserverAnswer[] => {
    const [nameserver = server.name] = sharedNames([server.name]);
    if (server.probes.length === 0) {
      return [
        {
          nameserver,
          address: undefined,
          answer: "no-address",
          ns: undefined,
          detail: addressFailure(server.addresses),
        },
      ];
    }
    return server.probes.map(({ address, answer }) => {
      const authoritative = answer.kind === "authoritative";
      const healthy = authoritative && answer.ns.length > 0;
      return {
        nameserver,
        address,
        answer: answer.kind,
        ns: authoritative ? sharedNames(answer.ns) : undefined,
        detail: healthy ? undefined : describeServerAnswer(answer),
      };
    });
  });
}
