import { ROUTE53 } from "../../../policy/architecture.js";
import { latestOperation, operationFailed } from "../migration-facts.js";
import { setNameservers } from "../remediation.js";
import {
  type DomainRule,
  fail,
  notApplicable,
  notChecked,
  pass,
  type RuleContext,
} from "../types.js";

/** The operation a move of the migration waits on. */
const WAITED_ON = { dnsHost: "UPDATE_NAMESERVER", registrar: "TRANSFER_IN_DOMAIN" } as const;

function retry(context: RuleContext, type: string): string {
  const { intent, facts, catalog } = context;
  if (type === "TRANSFER_IN_DOMAIN") {
    return `Fix the cause the registrar gives (an unlocked domain and a valid auth code from ${intent.migration?.registrar?.from ?? "the old registrar"} are needed), then transfer again: aws route53domains transfer-domain --region us-east-1 --domain-name ${intent.registrableDomain} --auth-code <auth code> --duration-in-years 1 --admin-contact file://contact.json --registrant-contact file://contact.json --tech-contact file://contact.json`;
  }
  // An intended hosted zone gives the intended name servers its delegation set (facts.ts).
  const target =
    facts.intendedNameservers.kind === "known"
      ? facts.intendedNameservers.value?.nameservers
      : undefined;
  const command = target
    ? setNameservers({ ...intent, registrar: ROUTE53 }, catalog, target)
    : "aws route53domains update-domain-nameservers --region us-east-1 --domain-name ...";
  return `Fix the cause the registrar gives, then submit the name servers again: ${command}`;
}

export const migrationOperationFailed: DomainRule = {
  id: "migration-operation-failed",
  severity: "high",
  title: "The registrar operation a migration waits on failed",
  doc: "For a domain whose policy declares a migration, reads the registrar account's recent operations (Route 53 Domains ListOperations): the newest name-server update (UPDATE_NAMESERVER) of a DNS-host move, the newest transfer in (TRANSFER_IN_DOMAIN) of a registrar move. ERROR or FAILED means the switch will not happen by itself, while the policy and the runbook assume it does; the registrar's message says why. Not applicable without a migration or when the registrar's API cannot show operations; not checked when it could not be asked. Fix the cause and submit the operation again.",
  evaluate(context) {
    const migration = context.intent.migration;
    if (migration === undefined) return notApplicable("the policy declares no migration");
    const { operations } = context.observations.migration ?? {};
    if (operations === undefined || operations.kind === "skipped")
      return notApplicable(operations?.reason ?? "operations were not asked");
    if (operations.kind === "unavailable") return notChecked(operations.reason);
    const failed = (["dnsHost", "registrar"] as const).flatMap((role) => {
      if (migration[role] === undefined) return [];
      const latest = latestOperation(context.observations, WAITED_ON[role]);
      return latest.kind === "known" && latest.value !== undefined && operationFailed(latest.value)
        ? [latest.value]
        : [];
    });
    const [first, ...rest] = failed;
    if (first === undefined) return pass;
    const draft = (op: typeof first) => ({
      message: `The ${op.type} operation ${op.id} for ${context.intent.unicode} is ${op.status}${op.statusFlag ? ` (${op.statusFlag})` : ""}${op.message ? `: ${op.message}` : ""}.`,
      expected: "SUCCESSFUL",
      observed: op.status,
      remediation: `See aws route53domains get-operation-detail --region us-east-1 --operation-id ${op.id}. ${retry(context, op.type)}`,
      key: op.type,
    });
    return fail(draft(first), ...rest.map(draft));
  },
};
