// The overview: totals by status, the failures several domains share (each said once, with its
// fix), setups intended and observed, findings by rule and severity, registrations expiring soon,
// how each source of truth fared, and what the scan cost. Counts that lead somewhere are buttons
// that filter the domain table.
import type { PageData, Severity } from "../page-data.js";
import { type Child, dataTable, h, s } from "./dom.js";
import { count, day, plural, SEVERITIES, STATUS_LABEL, STATUSES, when } from "./labels.js";
import type { Filters } from "./query.js";

export interface OverviewActions {
  /** Shows the domain table with these filters (the others cleared). */
  readonly filter: (filters: Partial<Filters>) => void;
  readonly open: (domain: number, opener: HTMLElement) => void;
}

/** A bar for a count, next to the number it repeats (so it is hidden from screen readers). */
function bar(value: number, max: number, cls: string): SVGSVGElement {
  const width = 120;
  return s(
    "svg",
    { class: "bar", width, height: 10, viewBox: `0 0 ${width} 10`, "aria-hidden": "true" },
    s("rect", {
      x: 0,
      y: 0,
      width: max === 0 ? 0 : Math.max(1, (value / max) * width),
      height: 10,
      class: cls,
    }),
  );
}

function filterButton(label: Child, onClick: () => void): HTMLButtonElement {
  const button = h("button", { type: "button", class: "link" }, label);
  button.addEventListener("click", onClick);
  return button;
}

function totals(data: PageData, actions: OverviewActions): HTMLElement {
  const o = data.overview;
  return h(
    "ul",
    { class: "cards", "aria-label": "Domains by status" },
    h("li", { class: "card" }, h("span", { class: "big" }, count(o.domains)), " domains"),
    ...STATUSES.map((status) =>
      h(
        "li",
        { class: `card status-${status}` },
        filterButton(
          [h("span", { class: "big" }, count(o.byStatus[status])), ` ${STATUS_LABEL[status]}`],
          () => actions.filter({ status }),
        ),
      ),
    ),
    h(
      "li",
      { class: "card" },
      h("span", { class: "big" }, count(o.suppressed)),
      " waived findings",
    ),
  );
}

/**
 * The report's diagnoses, numbered as the text and Markdown reports number them: one cause (no
 * credentials, a registry without RDAP) behind many domains' unknown checks, with what to do.
 */
function diagnoses(data: PageData): HTMLElement | null {
  const list = data.overview.diagnoses;
  if (list.length === 0) return null;
  return h(
    "section",
    { class: "diagnoses", "aria-labelledby": "ov-diagnoses" },
    h("h3", { id: "ov-diagnoses" }, "Failures shared by several domains"),
    h(
      "ol",
      {},
      ...list.map((d) =>
        h(
          "li",
          {},
          h(
            "p",
            {},
            `${d.sources.join(" and ")} failed for ${plural(d.domains, "domain")}: `,
            d.reason,
          ),
          h("p", {}, h("strong", {}, "Fix: "), d.fix),
        ),
      ),
    ),
  );
}

function setups(data: PageData, actions: OverviewActions): HTMLElement {
  const rows = data.overview.setups;
  const max = Math.max(...rows.map((r) => Math.max(r.intended, r.observed)));
  const cell = (n: number, filter: string) =>
    n === 0
      ? "0"
      : [filterButton(count(n), () => actions.filter({ setup: filter })), " ", bar(n, max, "fill")];
  return dataTable(
    "Setups: registrar and DNS host, intended by the policies and observed",
    ["Setup", "Intended", "Observed"],
    rows
      .filter((r) => r.setup !== "unknown" || r.observed > 0)
      .map((r) => [
        r.setup,
        r.setup === "unknown" ? "—" : cell(r.intended, `i:${r.setup}`),
        cell(r.observed, `o:${r.setup}`),
      ]),
  );
}

function findings(data: PageData, actions: OverviewActions): HTMLElement {
  const rows = data.overview.findings;
  if (rows.length === 0) return h("p", {}, "No open finding.");
  const severityCell = (n: number) => (n === 0 ? "" : count(n));
  return dataTable(
    "Open findings by rule and severity (waived ones not counted)",
    ["Rule", ...SEVERITIES, "Total"],
    [
      ...rows.map((r) => [
        filterButton(h("code", {}, r.rule), () => actions.filter({ rule: r.rule })),
        ...SEVERITIES.map((sev: Severity) => severityCell(r.bySeverity[sev])),
        count(r.total),
      ]),
      [
        "All rules",
        ...SEVERITIES.map((sev) => severityCell(data.overview.bySeverity[sev])),
        count(rows.reduce((n, r) => n + r.total, 0)),
      ],
    ],
  );
}

/** Rows the overview lists before sending people to the sorted table. */
const EXPIRING_SHOWN = 20;

function expiring(data: PageData, actions: OverviewActions): HTMLElement {
  const { expiring: list, expiringWithinDays } = data.overview;
  if (list.length === 0) {
    return h("p", {}, `No registration expires within ${expiringWithinDays} days of the scan.`);
  }
  const rows = list.slice(0, EXPIRING_SHOWN).map(({ domain, days }) => {
    const d = data.domains[domain];
    if (d === undefined) return ["?", "", ""];
    const open = h(
      "button",
      { type: "button", class: "link", "aria-haspopup": "dialog" },
      d.unicode,
    );
    open.addEventListener("click", () => actions.open(domain, open));
    return [
      open,
      day(d.observed.expiry ?? ""),
      days < 0 ? `expired ${count(-days)} days ago` : `${count(days)} days`,
    ];
  });
  return h(
    "div",
    {},
    dataTable(
      `Registrations expiring within ${expiringWithinDays} days of the scan`,
      ["Domain", "Expires", "In"],
      rows,
    ),
    list.length > EXPIRING_SHOWN
      ? h(
          "p",
          {},
          `${count(list.length - EXPIRING_SHOWN)} more: sort the domain table by “Expires”.`,
        )
      : null,
  );
}

function sources(data: PageData): HTMLElement {
  return dataTable(
    "Sources of truth: domains each one answered for",
    ["Source", "OK", "Unavailable", "Skipped"],
    data.overview.sources.map((r) => [
      r.source,
      count(r.ok),
      count(r.unavailable),
      count(r.skipped),
    ]),
  );
}

function scan(data: PageData): HTMLElement {
  const sc = data.scan;
  const item = (term: string, value: string) => [h("dt", {}, term), h("dd", {}, value)];
  return h(
    "dl",
    { class: "facts" },
    ...item("Scan", `${when(sc.startedAt)} – ${when(sc.finishedAt)}`),
    ...item("Duration", `${sc.durationSeconds.toFixed(1)} s`),
    ...item("Fails on", `${sc.failOn} and above`),
    ...item(
      "Queries",
      [
        plural(sc.dnsQueries, "DNS query", "DNS queries"),
        plural(sc.rdapRequests, "RDAP request"),
        sc.whoisQueries === undefined
          ? undefined
          : plural(sc.whoisQueries, "WHOIS query", "WHOIS queries"),
        plural(sc.awsCalls, "AWS call"),
      ]
        .filter((part) => part !== undefined)
        .join(", "),
    ),
    ...item("Tool", `${sc.tool} ${sc.version}`),
  );
}

export function overview(data: PageData, actions: OverviewActions): Child[] {
  const part = (id: string, title: string, ...children: Child[]) =>
    h(
      "div",
      { class: `panel ${id}`, role: "group", "aria-labelledby": id },
      h("h3", { id }, title),
      ...children,
    );
  return [
    totals(data, actions),
    diagnoses(data),
    h(
      "div",
      { class: "panels" },
      part("ov-setups", "Setups", setups(data, actions)),
      part("ov-findings", "Findings", findings(data, actions)),
      part("ov-expiring", "Expiring soon", expiring(data, actions)),
      part("ov-sources", "Sources", sources(data)),
      part("ov-scan", "Scan", scan(data)),
    ),
  ];
}
