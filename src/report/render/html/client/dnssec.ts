// The DNSSEC chain of one domain, per server address, as inline SVG: the parent's DS records →
// the DNSKEYs the server serves → the apex RRsets, a line where a DS matched a key and where a
// key's signature over an RRset holds. A broken box is red, dashed and carries ✗ with its status;
// the same chain follows as a list for screen readers and print.
import type { DnssecBox, DnssecServerDrawing, DnssecView } from "../page-data.js";
import { h, s } from "./dom.js";

const WIDTH = 170;
const GAP = 70;
const HEIGHT = 36;
const ROW = HEIGHT + 10;
const MARGIN = 6;
const HEADINGS = ["Parent DS", "DNSKEY", "Signed RRsets"] as const;
const HEADING = 20;

const column = (index: number) => MARGIN + index * (WIDTH + GAP);
const rowY = (index: number) => MARGIN + HEADING + index * ROW;

function drawBox(x: number, y: number, item: DnssecBox): SVGGElement {
  const broken = item.problem !== undefined;
  return s(
    "g",
    { class: broken ? "node broken" : "node" },
    s("rect", { x, y, width: WIDTH, height: HEIGHT, rx: 5 }),
    s("text", { x: x + 8, y: y + 15, class: "title" }, item.label),
    s(
      "text",
      { x: x + 8, y: y + 30, class: broken ? "problem" : undefined },
      broken ? `✗ ${item.status}` : item.status,
    ),
  );
}

function wire(fromColumn: number, fromRow: number, toRow: number): SVGGElement {
  const x1 = column(fromColumn) + WIDTH;
  const x2 = column(fromColumn + 1);
  const y1 = rowY(fromRow) + HEIGHT / 2;
  const y2 = rowY(toRow) + HEIGHT / 2;
  const middle = (x1 + x2) / 2;
  return s(
    "g",
    { class: "link" },
    s("path", { d: `M ${x1} ${y1} C ${middle} ${y1}, ${middle} ${y2}, ${x2} ${y2}` }),
  );
}

/** One server address's chain as an SVG figure. */
function serverDiagram(server: DnssecServerDrawing): SVGSVGElement {
  const columns = [server.ds, server.keys, server.rrsets];
  const rows = Math.max(1, ...columns.map((items) => items.length));
  const height = rowY(rows) + MARGIN;
  const width = column(2) + WIDTH + MARGIN;
  const broken = columns.flat().filter((item) => item.problem !== undefined).length;
  return s(
    "svg",
    {
      class: "chain dnssec",
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: "img",
      "aria-label": `DNSSEC chain at ${server.server}: ${server.verdict}${broken === 0 ? "" : `, ${broken} broken part${broken === 1 ? "" : "s"}, listed below`}`,
    },
    ...HEADINGS.map((title, i) =>
      s("text", { x: column(i), y: MARGIN + 12, class: "title" }, title),
    ),
    ...server.links.map((link) => wire(link.from === "ds" ? 0 : 1, link.fromIndex, link.toIndex)),
    ...columns.flatMap((items, i) => items.map((item, row) => drawBox(column(i), rowY(row), item))),
  );
}

const boxText = (item: DnssecBox) =>
  item.problem === undefined ? `${item.label}: ${item.status}` : `✗ ${item.label}: ${item.status}`;

/** The same chain in words: per server, what each DS, key and RRset became. */
function serverList(server: DnssecServerDrawing): HTMLLIElement {
  const parts = [
    ["Parent DS", server.ds],
    ["DNSKEY", server.keys],
    ["Signed RRsets", server.rrsets],
  ] as const;
  return h(
    "li",
    {},
    h("strong", {}, server.server),
    `: ${server.verdict}`,
    server.problem === undefined ? "" : h("span", { class: "problem" }, ` ✗ ${server.problem}`),
    h(
      "ul",
      {},
      ...parts
        .filter(([, items]) => items.length > 0)
        .map(([title, items]) =>
          h(
            "li",
            {},
            `${title}: `,
            ...items.map((item, i) =>
              h(
                "span",
                { class: item.problem === undefined ? undefined : "problem" },
                `${i > 0 ? "; " : ""}${boxText(item)}`,
              ),
            ),
          ),
        ),
    ),
  );
}

/** The DNSSEC section's content: the parent's DS, each server's chain drawn and in words. */
export function dnssecChain(view: DnssecView): HTMLElement[] {
  return [
    h(
      "p",
      {},
      view.ds.length === 0
        ? "The parent publishes no DS record."
        : `Parent DS: ${view.ds.join(", ")}`,
    ),
    ...(view.findings.length === 0
      ? []
      : [
          h(
            "ul",
            { class: "chain-list" },
            ...view.findings.map((f) => h("li", { class: "problem" }, `✗ ${f}`)),
          ),
        ]),
    ...view.servers.map((server) =>
      h(
        "figure",
        {},
        h("div", { class: "diagram" }, serverDiagram(server)),
        h("figcaption", {}, `${server.server}: ${server.verdict}`),
      ),
    ),
    h("ul", { class: "chain-list dnssec-list" }, ...view.servers.map(serverList)),
  ];
}
