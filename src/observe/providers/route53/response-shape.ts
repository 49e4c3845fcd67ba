// The documented shape of every answer the observer reads. The SDK deserialises whatever comes
// back with status 200 and leaves out what it does not find: an HTML maintenance page from a proxy
// reads as "no hosted zones", `{}` as "no domains". An answer without the members the API marks
// required (Route 53's models), or that every answer of the call carries (Route 53 Domains' lists,
// empty or not), is not an answer: the call fails with MalformedAwsResponse, and the observation
// becomes unavailable with the reason, never an empty result.

/** What was missing or wrong in an answer. */
export class MalformedAwsResponse extends Error {
  override readonly name = "MalformedAwsResponse";
  constructor(
    readonly operation: string,
    readonly problem: string,
  ) {
    super(`${operation} answered without its documented shape: ${problem}`);
  }
}

type Check = (output: Record<string, unknown>) => string | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Why `output[member]` is not a list of records each with the string `fields`, or undefined. */
function listOf(output: Record<string, unknown>, member: string, fields: readonly string[]) {
  const list = output[member];
  if (!Array.isArray(list)) return `no ${member} list`;
  for (const item of list) {
    if (!isRecord(item)) return `an entry of ${member} is not a structure`;
    const missing = fields.find((field) => typeof item[field] !== "string");
    if (missing !== undefined) return `an entry of ${member} has no ${missing}`;
  }
  return undefined;
}

/** A page of a listing: its flag says whether more follow, and then where from. */
function page(output: Record<string, unknown>, next: string): string | undefined {
  if (typeof output.IsTruncated !== "boolean") return "no IsTruncated flag";
  if (output.IsTruncated && typeof output[next] !== "string") return `truncated without ${next}`;
  return undefined;
}

const CHECKS: Readonly<Record<string, Check>> = {
  ListHostedZones: (output) =>
    listOf(output, "HostedZones", ["Id", "Name"]) ?? page(output, "NextMarker"),
  GetHostedZone: (output) => {
    if (!isRecord(output.HostedZone)) return "no HostedZone";
    const zone = output.HostedZone;
    if (typeof zone.Id !== "string" || typeof zone.Name !== "string") {
      return "the HostedZone has no Id or Name";
    }
    // A private zone has VPCs instead; the observer asks only for public ones.
    const servers = isRecord(output.DelegationSet) ? output.DelegationSet.NameServers : undefined;
    if (!Array.isArray(servers) || !servers.every((name) => typeof name === "string")) {
      return "no DelegationSet with NameServers";
    }
    return undefined;
  },
  ListResourceRecordSets: (output) =>
    listOf(output, "ResourceRecordSets", ["Name", "Type"]) ?? page(output, "NextRecordName"),
  GetDNSSEC: (output) => {
    if (!isRecord(output.Status)) return "no Status";
    return listOf(output, "KeySigningKeys", ["Name", "Status"]);
  },
  ListDomains: (output) => listOf(output, "Domains", ["DomainName"]),
  ListOperations: (output) => listOf(output, "Operations", ["OperationId", "Status", "Type"]),
  GetDomainDetail: (output) =>
    typeof output.DomainName !== "string"
      ? "no DomainName"
      : listOf(output, "Nameservers", ["Name"]),
};

/**
 * Throws MalformedAwsResponse when `output` of `operation` lacks its documented shape. An
 * operation this module does not know is refused too: every call the observer makes is checked.
 */
export function checkResponseShape(operation: string, output: unknown): void {
  const check = CHECKS[operation];
  if (check === undefined) {
    throw new MalformedAwsResponse(operation, "no documented shape is known for this operation");
  }
  const problem = isRecord(output) ? check(output) : "the answer is not a structure";
  if (problem !== undefined) throw new MalformedAwsResponse(operation, problem);
}
