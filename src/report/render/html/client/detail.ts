// One domain in a modal dialog: its setup intended and observed, the chain diagram, findings with
// remediation, every check with the reason it did not apply or could not run, the sources, and
// (history page) the timeline of its findings. Escape closes it (the dialog's own behaviour) and
// focus goes back to the row that opened it.
import type { DomainView, FindingView, HistoryView, PageData, TimelineView } from "../page-data.js";
import { chainDiagram, chainList } from "./diagram.js";
import { dnssecChain } from "./dnssec.js";
import { type Child, dataTable, fill, h, s } from "./dom.js";
import {
  CHECK_LABEL,
  count,
  day,
  known,
  SEVERITIES,
  STATE_LABEL,
  STATUS_LABEL,
  STATUSES,
} from "./labels.js";
import { migrationPhase } from "./migration.js";

function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h(
    "section",
    { id, "aria-labelledby": `${id}-title` },
    h("h3", { id: `${id}-title` }, title),
    ...children,
  );
}

const list = (names: readonly string[] | undefined): string =>
  names === undefined ? "—" : names.length === 0 ? "(none)" : names.join(", ");

function inDays(days: number | undefined): string {
  if (days === undefined) return "";
  return days < 0 ? ` (expired ${count(-days)} days before the scan)` : ` (in ${count(days)} days)`;
}

function setupTable(d: DomainView): HTMLElement {
  const o = d.observed;
  const registrar =
    o.registrar === undefined
      ? "unknown"
      : `${o.registrar}${o.registrarName && o.registrarName !== o.registrar ? ` (${o.registrarName})` : ""}${o.ianaId === undefined ? "" : `, IANA ${o.ianaId}`}`;
  return dataTable(
    "Intended and observed",
    ["Aspect", "Intended (policy)", "Observed"],
    [
      ["Setup", d.intended.setup, o.setup ?? "unknown"],
      ["Registrar", d.intended.registrar, registrar],
      ["DNS host", d.intended.dnsHost, o.dnsHost ?? "unknown"],
      ["Name servers", list(d.intended.nameservers), d.chain.registry.lines.join(", ")],
      ["Hosted zone", d.intended.hostedZoneId ?? "—", list(o.hostedZones)],
      ["AWS account", d.intended.account ?? "default", "—"],
      [
        "Expires",
        "—",
        o.expiry === undefined ? "unknown" : `${day(o.expiry)}${inDays(o.daysToExpiry)}`,
      ],
    ],
  );
}

export function findingCard(f: FindingView): HTMLElement {
  const severity = known(SEVERITIES, f.severity, "info");
  const tags = [
    f.suppressed === undefined ? null : h("span", { class: "tag" }, "waived"),
    f.baseline === "new" ? h("span", { class: "tag new" }, "new since baseline") : null,
  ];
  const row = (term: string, value: string | undefined) =>
    value === undefined ? null : [h("dt", {}, term), h("dd", {}, value)];
  return h(
    "article",
    { class: `finding${f.suppressed === undefined ? "" : " waived"}` },
    h(
      "h4",
      {},
      h("span", { class: `badge severity-${severity}` }, severity),
      " ",
      h("code", {}, f.rule),
      ...tags,
    ),
    h("p", {}, f.message),
    h(
      "dl",
      {},
      ...[
        row("Expected", f.expected),
        row("Observed", f.observed),
        row("Remediation", f.remediation),
        row("Policy", f.location),
        row("Waiver", f.suppressed),
      ].flatMap((pair) => pair ?? []),
    ),
  );
}

function timelineStrip(entry: TimelineView, history: HistoryView): SVGSVGElement {
  const size = 14;
  return s(
    "svg",
    {
      class: "strip",
      width: entry.states.length * (size + 2),
      height: size,
      viewBox: `0 0 ${entry.states.length * (size + 2)} ${size}`,
      "aria-hidden": "true",
    },
    ...entry.states.map((state, i) =>
      s(
        "rect",
        { x: i * (size + 2), y: 0, width: size, height: size, class: `state-${state}` },
        s("title", {}, `${day(history.scans[i]?.finishedAt ?? "")}: ${STATE_LABEL[state]}`),
      ),
    ),
  );
}

function timelineText(entry: TimelineView, history: HistoryView): string {
  const at = (scan: number) => day(history.scans[scan]?.finishedAt ?? "");
  const last = entry.states.at(-1);
  const events = entry.events.map((e) => `${e.event} ${at(e.scan)}`);
  return `${events.join(", ")}${last === undefined ? "" : `; last scan: ${STATE_LABEL[last]}`}`;
}

function timelineSection(d: DomainView, history: HistoryView | undefined): HTMLElement | null {
  if (history === undefined || d.timeline === undefined) return null;
  if (d.timeline.length === 0) {
    return section(
      "detail-history",
      "History",
      h("p", {}, `No finding in ${count(history.scans.length)} scans.`),
    );
  }
  return section(
    "detail-history",
    "History",
    dataTable(
      `Findings across ${count(history.scans.length)} scans, oldest first`,
      ["Rule", "Finding", "When", "Scans"],
      d.timeline.map((entry) => [
        h("code", {}, entry.rule),
        entry.message,
        timelineText(entry, history),
        timelineStrip(entry, history),
      ]),
    ),
  );
}

export class DomainDetail {
  readonly #dialog: HTMLDialogElement;
  readonly #data: PageData;
  #opener: HTMLElement | undefined;

  constructor(dialog: HTMLDialogElement, data: PageData, onClose: () => void) {
    this.#dialog = dialog;
    this.#data = data;
    dialog.addEventListener("close", () => {
      document.body.classList.remove("detail-open");
      onClose();
      this.#opener?.focus();
    });
  }

  show(d: DomainView, opener: HTMLElement | undefined): void {
    this.#opener = opener;
    const status = known(STATUSES, d.status, "unknown");
    const close = h("button", { type: "button", class: "close" }, "Close (Esc)");
    close.addEventListener("click", () => this.#dialog.close());
    const findings =
      d.findings.length === 0 ? [h("p", {}, "No finding.")] : d.findings.map((f) => findingCard(f));
    fill(
      this.#dialog,
      h(
        "header",
        { class: "detail-head" },
        h("h2", { id: "detail-title" }, d.unicode),
        d.unicode === d.name ? null : h("p", { class: "sub" }, d.name),
        h(
          "p",
          {},
          h("span", { class: `badge status-${status}` }, STATUS_LABEL[status]),
          ` policy ${d.policy}`,
        ),
        close,
      ),
      setupTable(d),
      section(
        "detail-chain",
        "Delegation chain",
        h(
          "figure",
          {},
          h("div", { class: "diagram" }, chainDiagram(d.chain, d.unicode)),
          h(
            "figcaption",
            {},
            "Registrar → registry delegation → each name server and its answer → DNS host. ✗ marks a broken link or box.",
          ),
        ),
        chainList(d.chain),
      ),
      d.dnssec === undefined
        ? null
        : section(
            "detail-dnssec",
            "DNSSEC chain",
            h(
              "p",
              { class: "sub" },
              "Per server address: the parent's DS → the keys it serves → which key signs which apex RRset. ✗ marks a broken part.",
            ),
            ...dnssecChain(d.dnssec),
          ),
      d.migration === undefined
        ? null
        : section("detail-migration", "Migration", ...migrationPhase(d.migration)),
      section("detail-findings", `Findings (${count(d.findings.length)})`, ...findings),
      section(
        "detail-checks",
        "Checks",
        dataTable(
          "Every rule's verdict for this domain",
          ["Check", "Result", "Reason"],
          (this.#data.checkLists[d.checks] ?? []).map((c) => [
            h("code", {}, c.name),
            CHECK_LABEL[c.status] ?? c.status,
            c.reason ?? "",
          ]),
        ),
      ),
      section(
        "detail-sources",
        "Sources",
        dataTable(
          "What each source of truth gave",
          ["Source", "Status", "Reason"],
          (this.#data.sourceLists[d.sources] ?? []).map((src) => [
            src.source,
            src.status,
            src.reason ?? "",
          ]),
        ),
      ),
      timelineSection(d, this.#data.history),
    );
    if (!this.#dialog.open) this.#dialog.showModal();
    document.body.classList.add("detail-open");
    close.focus();
  }
}
