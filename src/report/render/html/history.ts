// The history page: several JSON reports of the same portfolio, oldest first. The newest report
// is shown as on the one-report page; the others add the trend of drift and unknown counts, what
// changed since the previous scan, and for each domain when each finding (by fingerprint)
// appeared and was resolved. Reports are checked against the report schema first.
import { plainLine } from "../../../text/sanitize.js";
import type { NamedReport } from "../../merge.js";
import type { DomainReport, Report } from "../../model/model.js";
import { checkReport } from "../../model/report-schema.js";
import { pageData } from "./data.js";
import type {
  ChangedFinding,
  ChangesView,
  PageData,
  ScanPoint,
  TimelineState,
  TimelineView,
} from "./page-data.js";

/** One report as read: its parsed JSON and where it came from (for messages and the page). */
export interface HistoryInput {
  readonly source: string;
  readonly value: unknown;
}

/** One report of a history, checked: where it came from, the report, its domains by name. */
export interface HistoryScan {
  readonly source: string;
  readonly report: Report;
  readonly byName: ReadonlyMap<string, DomainReport>;
}

export type HistoryCheck =
  | { readonly ok: true; readonly scans: readonly HistoryScan[] }
  | { readonly ok: false; readonly message: string };

/**
 * The reports as scans, oldest first (by `finishedAt`, whatever order they were given in), or why
 * they cannot make a history: not a report, another schema version, or one shard of a scan.
 */
export function checkHistory(inputs: readonly HistoryInput[]): HistoryCheck {
  const reports: NamedReport[] = [];
  for (const input of inputs) {
    const checked = checkReport(input.value, input.source);
    if (!checked.ok) return checked;
    reports.push({ source: input.source, report: checked.report });
  }
  return historyOf(reports);
}

/** `checkHistory` for reports already checked (read with the schema check, as the CLI reads them). */
export function historyOf(reports: readonly NamedReport[]): HistoryCheck {
  if (reports.length === 0) return { ok: false, message: "no report given" };
  const scans: HistoryScan[] = [];
  for (const { source, report } of reports) {
    if (report.shard !== undefined) {
      return {
        ok: false,
        message: `${source}: is shard ${report.shard.index}/${report.shard.count} of a scan; merge the shards first (domain-drift merge)`,
      };
    }
    scans.push({ source, report, byName: new Map(report.domains.map((d) => [d.domain, d])) });
  }
  const at = (scan: HistoryScan) => Date.parse(scan.report.finishedAt);
  return { ok: true, scans: scans.sort((a, b) => at(a) - at(b)) };
}

const PRESENT: ReadonlySet<TimelineState> = new Set(["open", "waived"]);

function stateIn(
  scan: HistoryScan,
  domain: string,
  fingerprint: string,
  rule: string,
): TimelineState {
  const report = scan.byName.get(domain);
  if (report === undefined) return "not-scanned";
  const finding = report.findings.find((f) => f.fingerprint === fingerprint);
  if (finding !== undefined) return finding.suppressed === undefined ? "open" : "waived";
  const check = report.checks.find((c) => c.name === rule);
  return check?.status === "not-checked" ? "not-checked" : "absent";
}

/** Appearances and resolutions: a scan that could not tell (not checked, not scanned) changes nothing. */
function eventsOf(states: readonly TimelineState[]): TimelineView["events"] {
  const events: { scan: number; event: "appeared" | "resolved" }[] = [];
  let present = false;
  states.forEach((state, scan) => {
    if (PRESENT.has(state) && !present) events.push({ scan, event: "appeared" });
    if (state === "absent" && present) events.push({ scan, event: "resolved" });
    if (PRESENT.has(state)) present = true;
    if (state === "absent") present = false;
  });
  return events;
}

/** Each domain's findings across the scans, for the domains of the newest scan. */
function timelines(scans: readonly HistoryScan[]): Map<string, TimelineView[]> {
  const latest = scans.at(-1)?.report.domains ?? [];
  const result = new Map<string, TimelineView[]>();
  for (const domain of latest) {
    const seen = new Map<
      string,
      { rule: string; severity: TimelineView["severity"]; message: string }
    >();
    for (const scan of scans) {
      for (const finding of scan.byName.get(domain.domain)?.findings ?? []) {
        // The newest scan's wording wins: scans are oldest first.
        seen.set(finding.fingerprint, {
          rule: plainLine(finding.rule),
          severity: finding.severity,
          message: plainLine(finding.message),
        });
      }
    }
    const entries = [...seen].map(([fingerprint, about]) => {
      const states = scans.map((scan) => stateIn(scan, domain.domain, fingerprint, about.rule));
      return { ...about, states, events: eventsOf(states) };
    });
    const first = (entry: TimelineView) => entry.events[0]?.scan ?? 0;
    entries.sort((a, b) => first(a) - first(b) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
    result.set(domain.domain, entries);
  }
  return result;
}

function point(scan: HistoryScan): ScanPoint {
  const s = scan.report.summary;
  return {
    finishedAt: plainLine(scan.report.finishedAt),
    source: plainLine(scan.source),
    domains: s.domains,
    drift: s.drift,
    unknown: s.unknown,
    compliant: s.compliant,
    findings: Object.values(s.bySeverity).reduce((sum, n) => sum + n, 0),
  };
}

function changes(previous: HistoryScan, latest: HistoryScan): ChangesView {
  const appeared: ChangedFinding[] = [];
  const resolved: ChangedFinding[] = [];
  const statuses: { domain: string; from: DomainReport["status"]; to: DomainReport["status"] }[] =
    [];
  const changed = (domain: DomainReport, f: DomainReport["findings"][number]): ChangedFinding => ({
    domain: plainLine(domain.unicode),
    rule: plainLine(f.rule),
    severity: f.severity,
    message: plainLine(f.message),
  });
  for (const domain of latest.report.domains) {
    const before = previous.byName.get(domain.domain);
    for (const f of domain.findings) {
      if (f.suppressed !== undefined) continue;
      if (!before?.findings.some((b) => b.fingerprint === f.fingerprint)) {
        appeared.push(changed(domain, f));
      }
    }
    if (before === undefined) continue;
    for (const f of before.findings) {
      if (f.suppressed !== undefined) continue;
      if (stateIn(latest, domain.domain, f.fingerprint, f.rule) === "absent") {
        resolved.push(changed(domain, f));
      }
    }
    if (before.status !== domain.status) {
      statuses.push({
        domain: plainLine(domain.unicode),
        from: before.status,
        to: domain.status,
      });
    }
  }
  return { appeared, resolved, statuses };
}

/** The page data of a history: the newest scan's page, with trends and timelines. */
export function historyPageData(scans: readonly HistoryScan[]): PageData {
  const latest = scans.at(-1);
  if (latest === undefined) throw new Error("a history needs at least one scan");
  const previous = scans.at(-2);
  return {
    ...pageData(latest.report, timelines(scans)),
    history: {
      scans: scans.map(point),
      changes: previous === undefined ? undefined : changes(previous, latest),
    },
  };
}
