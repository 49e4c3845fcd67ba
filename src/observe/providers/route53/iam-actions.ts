// The AWS operations the observers call, and the IAM action each one needs. Reasons for
// AccessDenied name the action, and docs/aws.md's read-only policy lists exactly these.

export const IAM_ACTIONS = {
  ListDomains: "route53domains:ListDomains",
  GetDomainDetail: "route53domains:GetDomainDetail",
  ListOperations: "route53domains:ListOperations",
  ListHostedZones: "route53:ListHostedZones",
  GetHostedZone: "route53:GetHostedZone",
  ListResourceRecordSets: "route53:ListResourceRecordSets",
  GetDNSSEC: "route53:GetDNSSEC",
  AssumeRole: "sts:AssumeRole",
} as const;

export type AwsOperation = keyof typeof IAM_ACTIONS;

/** The actions the observed account must allow; `sts:AssumeRole` belongs to the caller's side. */
export const READ_ONLY_ACTIONS: readonly string[] = Object.values(IAM_ACTIONS).filter(
  (action) => !action.startsWith("sts:"),
);
