// The history page's trends: drift and unknown counts over the scans as a line chart (with the
// same numbers in a table), and what changed between the last two scans.
import type { ChangedFinding, HistoryView, PageData } from "../page-data.js";
import { type Child, dataTable, h, s } from "./dom.js";
import { count, day, known, STATUS_LABEL, STATUSES, when } from "./labels.js";

const WIDTH = 760;
const HEIGHT = 260;
const LEFT = 48;
const RIGHT = 16;
const TOP = 16;
const BOTTOM = 40;
/** Date labels under the x axis, at most; more scans than this label every n-th. */
const MAX_X_LABELS = 8;

/** A round upper bound for the y axis and its tick step: whole numbers, about four ticks. */
function scale(max: number): { top: number; step: number } {
  const raw = Math.max(1, max / 4);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((m) => m >= raw) ?? 10 * power;
  return { top: step * Math.ceil(Math.max(1, max) / step), step };
}

const SERIES = [
  { key: "drift", label: "drift", cls: "series-drift", marker: "circle" },
  { key: "unknown", label: "unknown", cls: "series-unknown", marker: "square" },
] as const;

function chart(history: HistoryView): SVGSVGElement {
  const scans = history.scans;
  const { top, step } = scale(Math.max(...scans.flatMap((p) => [p.drift, p.unknown])));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const x = (i: number) =>
    LEFT + (scans.length === 1 ? plotWidth / 2 : (i / (scans.length - 1)) * plotWidth);
  const y = (v: number) => TOP + plotHeight - (v / top) * plotHeight;
  const grid: SVGElement[] = [];
  for (let v = 0; v <= top; v += step) {
    grid.push(
      s("line", { x1: LEFT, x2: WIDTH - RIGHT, y1: y(v), y2: y(v), class: "grid" }),
      s("text", { x: LEFT - 6, y: y(v) + 4, "text-anchor": "end", class: "axis" }, count(v)),
    );
  }
  const every = Math.ceil(scans.length / MAX_X_LABELS);
  // The first and last dates hang inwards from their points, so neither is cut at the edge.
  const anchor = (i: number) =>
    scans.length === 1 ? "middle" : i === 0 ? "start" : i === scans.length - 1 ? "end" : "middle";
  scans.forEach((point, i) => {
    if (i % every !== 0 && i !== scans.length - 1) return;
    grid.push(
      s(
        "text",
        { x: x(i), y: HEIGHT - BOTTOM + 18, "text-anchor": anchor(i), class: "axis" },
        day(point.finishedAt),
      ),
    );
  });
  const lines = SERIES.map((series) => {
    const points = scans.map((p, i) => `${x(i)},${y(p[series.key])}`).join(" ");
    const markers = scans.map((p, i) =>
      series.marker === "circle"
        ? s(
            "circle",
            { cx: x(i), cy: y(p[series.key]), r: 4 },
            s("title", {}, `${day(p.finishedAt)}: ${p[series.key]} ${series.label}`),
          )
        : s(
            "rect",
            { x: x(i) - 4, y: y(p[series.key]) - 4, width: 8, height: 8 },
            s("title", {}, `${day(p.finishedAt)}: ${p[series.key]} ${series.label}`),
          ),
    );
    return s("g", { class: series.cls }, s("polyline", { points }), ...markers);
  });
  const legend = SERIES.map((series, i) =>
    s(
      "g",
      { class: series.cls },
      s("line", { x1: LEFT + i * 130, x2: LEFT + i * 130 + 24, y1: HEIGHT - 8, y2: HEIGHT - 8 }),
      s(
        "text",
        { x: LEFT + i * 130 + 30, y: HEIGHT - 4, class: "legend" },
        `${series.label} domains`,
      ),
    ),
  );
  return s(
    "svg",
    {
      class: "trend",
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      width: WIDTH,
      height: HEIGHT,
      role: "img",
      "aria-label": `Drift and unknown domains over ${scans.length} scans; the numbers are in the table below`,
    },
    ...grid,
    ...lines,
    ...legend,
  );
}

function changedList(title: string, items: readonly ChangedFinding[], empty: string): Child[] {
  return [
    h("h4", {}, `${title} (${count(items.length)})`),
    items.length === 0
      ? h("p", {}, empty)
      : h(
          "ul",
          { class: "changes" },
          ...items.map((f) =>
            h(
              "li",
              {},
              h("strong", {}, f.domain),
              " ",
              h("code", {}, f.rule),
              ` (${f.severity}): ${f.message}`,
            ),
          ),
        ),
  ];
}

export function trends(data: PageData): Child[] {
  const history = data.history;
  if (history === undefined) return [];
  const scans = history.scans;
  const changes = history.changes;
  const previous = scans.at(-2);
  return [
    h(
      "figure",
      {},
      h("div", { class: "diagram" }, chart(history)),
      h(
        "figcaption",
        {},
        "Drift (solid line, circles) and unknown (dashed line, squares) domains per scan.",
      ),
    ),
    h(
      "details",
      {},
      h("summary", {}, "The scans as a table"),
      dataTable(
        `${count(scans.length)} scans, oldest first`,
        ["Scan finished", "Report", "Domains", "Drift", "Unknown", "Compliant", "Open findings"],
        scans.map((p) => [
          when(p.finishedAt),
          p.source,
          count(p.domains),
          count(p.drift),
          count(p.unknown),
          count(p.compliant),
          count(p.findings),
        ]),
      ),
    ),
    changes === undefined || previous === undefined
      ? h("p", {}, "One scan only: nothing to compare with.")
      : h(
          "div",
          { class: "changes" },
          h(
            "h3",
            { id: "changes-title" },
            `Since the previous scan (${when(previous.finishedAt)})`,
          ),
          ...changedList("New findings", changes.appeared, "None."),
          ...changedList("Resolved findings", changes.resolved, "None."),
          h("h4", {}, `Status changes (${count(changes.statuses.length)})`),
          changes.statuses.length === 0
            ? h("p", {}, "None.")
            : h(
                "ul",
                {},
                ...changes.statuses.map((c) =>
                  h(
                    "li",
                    {},
                    h("strong", {}, c.domain),
                    `: ${STATUS_LABEL[known(STATUSES, c.from, "unknown")]} → ${STATUS_LABEL[known(STATUSES, c.to, "unknown")]}`,
                  ),
                ),
              ),
        ),
  ];
}
