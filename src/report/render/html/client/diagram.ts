// The picture of one domain's chain: registrar → registry delegation → each name server → DNS
// host, as an inline SVG, and the same chain as a list for screen readers and print. A broken box
// or link is red, dashed and carries a ✗ with a label: never colour alone.
import type { ChainLink, ChainNode, ChainView } from "../page-data.js";
import { h, s } from "./dom.js";

const BOX_WIDTH = 250;
const GAP = 60;
const LINE = 16;
const PAD = 10;
const TITLE = 20;
const MARGIN = 6;
/** Characters that fit on one line of a box; longer text is cut with … (the full text is its tooltip). */
const FIT = 34;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly height: number;
  readonly element: SVGGElement;
}

/** One line of text in a box, cut to fit; a cut line keeps its full text as a tooltip. */
function line(x: number, y: number, text: string, cls: string | undefined): SVGTextElement {
  if (text.length <= FIT) return s("text", { x, y, class: cls }, text);
  return s("text", { x, y, class: cls }, s("title", {}, text), `${text.slice(0, FIT - 1)}…`);
}

function column(index: number): number {
  return MARGIN + index * (BOX_WIDTH + GAP);
}

function box(x: number, y: number, node: ChainNode, extraClass = ""): Box {
  const broken = node.problems.length > 0;
  const rows = [
    ...node.problems.map((p) => ({ text: `✗ ${p}`, cls: "problem" })),
    ...node.lines.map((text) => ({ text, cls: "" })),
  ];
  const height = PAD + TITLE + rows.length * LINE + PAD;
  const group = s(
    "g",
    { class: `node${broken ? " broken" : ""} ${extraClass}`.trim() },
    s("rect", { x, y, width: BOX_WIDTH, height, rx: 6 }),
    line(x + PAD, y + PAD + 13, node.title, "title"),
    ...rows.map((row, i) =>
      line(x + PAD, y + PAD + TITLE + (i + 1) * LINE - 4, row.text, row.cls || undefined),
    ),
  );
  return { x, y, height, element: group };
}

function link(from: Box, to: Box, state: ChainLink): SVGGElement {
  const x1 = from.x + BOX_WIDTH;
  const y1 = from.y + Math.min(from.height / 2, 30);
  const x2 = to.x;
  const y2 = to.y + Math.min(to.height / 2, 30);
  const middle = (x1 + x2) / 2;
  const broken = state.problem !== undefined;
  const path = s("path", {
    d: `M ${x1} ${y1} C ${middle} ${y1}, ${middle} ${y2}, ${x2} ${y2}`,
    class: "wire",
  });
  return s(
    "g",
    { class: broken ? "link broken" : "link" },
    broken ? s("title", {}, `broken: ${state.problem}`) : null,
    path,
    broken
      ? s(
          "g",
          { class: "mark" },
          s("circle", { cx: middle, cy: (y1 + y2) / 2, r: 9 }),
          s("text", { x: middle, y: (y1 + y2) / 2 + 4, "text-anchor": "middle" }, "✗"),
        )
      : null,
  );
}

/** The server box shows its answers and, in words, what is wrong with its two links. */
function serverNode(server: ChainView["servers"][number]): ChainNode {
  const problems = [server.served.problem, server.belongs.problem].filter(
    (p): p is string => p !== undefined,
  );
  return { title: server.name, lines: server.answers, problems };
}

/** The chain as an SVG figure; `label` names the domain for the figure's accessible name. */
export function chainDiagram(chain: ChainView, label: string): SVGSVGElement {
  const parts: SVGElement[] = [];
  const registrar = box(column(0), MARGIN, chain.registrar);
  parts.push(registrar.element);
  let source = registrar;
  if (chain.registrarNameservers !== undefined) {
    const account = box(column(0), MARGIN + registrar.height + 24, {
      title: "Registrar account name servers",
      lines: chain.registrarNameservers,
      problems: [],
    });
    parts.push(account.element);
    source = account;
  }
  const registry = box(column(1), MARGIN, chain.registry);
  parts.push(registry.element, link(source, registry, chain.registrarToRegistry));
  const host = box(column(3), MARGIN, chain.host);
  parts.push(host.element);
  let y = MARGIN;
  for (const server of chain.servers) {
    const node = box(column(2), y, serverNode(server), "server");
    parts.push(node.element, link(registry, node, server.served), link(node, host, server.belongs));
    y += node.height + 12;
  }
  const bottom = Math.max(
    y,
    ...[registrar, registry, host, source].map((b) => b.y + b.height + MARGIN),
  );
  const width = column(3) + BOX_WIDTH + MARGIN;
  const broken = countProblems(chain);
  return s(
    "svg",
    {
      class: "chain",
      viewBox: `0 0 ${width} ${bottom}`,
      width,
      height: bottom,
      role: "img",
      "aria-label": `Delegation chain of ${label}: ${broken === 0 ? "no broken link" : `${broken} problem${broken === 1 ? "" : "s"}, listed below`}`,
    },
    ...parts,
  );
}

function countProblems(chain: ChainView): number {
  const links = [
    chain.registrarToRegistry,
    ...chain.servers.flatMap((sv) => [sv.served, sv.belongs]),
  ];
  return (
    [chain.registrar, chain.registry, chain.host].reduce((n, node) => n + node.problems.length, 0) +
    links.filter((l) => l.problem !== undefined).length
  );
}

function problemItems(problems: readonly (string | undefined)[]) {
  return problems
    .filter((p): p is string => p !== undefined)
    .map((p) => h("li", { class: "problem" }, `✗ ${p}`));
}

function step(title: string, lines: readonly string[], problems: readonly (string | undefined)[]) {
  const issues = problemItems(problems);
  return h(
    "li",
    {},
    h("strong", {}, title),
    lines.length > 0 ? `: ${lines.join(", ")}` : "",
    issues.length > 0 ? h("ul", {}, ...issues) : null,
  );
}

/** The same chain in words, in order, with every problem. */
export function chainList(chain: ChainView): HTMLOListElement {
  return h(
    "ol",
    { class: "chain-list" },
    step(chain.registrar.title, chain.registrar.lines, [
      ...chain.registrar.problems,
      chain.registrarNameservers === undefined ? chain.registrarToRegistry.problem : undefined,
    ]),
    chain.registrarNameservers === undefined
      ? null
      : step("Registrar account name servers", chain.registrarNameservers, [
          chain.registrarToRegistry.problem,
        ]),
    step(chain.registry.title, chain.registry.lines, chain.registry.problems),
    ...chain.servers.map((server) =>
      step(`Name server ${server.name}`, server.answers, [
        server.served.problem,
        server.belongs.problem,
      ]),
    ),
    step(chain.host.title, chain.host.lines, chain.host.problems),
  );
}
