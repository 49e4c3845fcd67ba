// Waivers suppress one rule's findings for one domain until a date. Suppressed findings stay in
// the report, marked; an expired waiver suppresses nothing and is itself reported.
import type { Waiver } from "../policy/types.js";
import type { Finding } from "../report/model/model.js";
import { draftToFinding, locationOf } from "./findings.js";
import { waiverExpired } from "./rules/waiver-expired.js";

export type WaiverBook = ReadonlyMap<string, readonly Waiver[]>;

export function waiverBook(waivers: readonly Waiver[]): WaiverBook {
  const book = new Map<string, Waiver[]>();
  for (const waiver of waivers)
    book.set(waiver.domain, [...(book.get(waiver.domain) ?? []), waiver]);
  return book;
}

/** `expires` is inclusive: a waiver expiring today still holds today (UTC). */
function isExpired(waiver: Waiver, now: Date): boolean {
  return waiver.expires < now.toISOString().slice(0, 10);
}

export function applyWaivers(
  domain: string,
  findings: readonly Finding[],
  book: WaiverBook,
  now: Date,
): Finding[] {
  const waivers = book.get(domain) ?? [];
  const active = waivers.filter((waiver) => !isExpired(waiver, now));
  const result = findings.map((finding) => {
    const waiver = active.find((w) => w.rule === finding.rule);
    return waiver
      ? {
          ...finding,
          suppressed: {
            reason: waiver.reason,
            expires: waiver.expires,
            waiver: locationOf(waiver.position),
          },
        }
      : finding;
  });
  for (const waiver of waivers) {
    if (!isExpired(waiver, now)) continue;
    result.push(
      draftToFinding(
        waiverExpired,
        domain,
        {
          message: `The waiver of ${waiver.rule} for ${domain} expired on ${waiver.expires} (reason given: ${waiver.reason}).`,
          expected: `expires >= ${now.toISOString().slice(0, 10)}`,
          observed: waiver.expires,
          remediation: `Fix what ${waiver.rule} reports for ${domain} and delete the waiver, or renew it with a new date and reason.`,
          key: `${waiver.rule}@${waiver.expires}`,
        },
        locationOf(waiver.position),
      ),
    );
  }
  return result;
}
