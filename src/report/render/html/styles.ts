// The page's one stylesheet, inlined in the page and allowed by its hash (./csp.ts). Colours meet
// WCAG AA contrast on white; states are never told by colour alone (every badge has a word and a
// sign). No style attributes anywhere: the Content-Security-Policy would refuse them.
export const STYLES = `
:root {
  --fg: #1b1b1b; --muted: #4a4f57; --bg: #fff; --panel: #f4f5f7; --border: #b9c0ca;
  --accent: #1f4fd1; --drift: #b3261e; --unknown-fg: #5c3b00; --unknown-bg: #ffe2a8;
  --ok: #1e6b2f; --focus: #1f4fd1;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: var(--fg); background: var(--bg); line-height: 1.45;
}
body { margin: 0; }
header.page, main, footer { max-width: 1280px; margin: 0 auto; padding: 0 1.25rem; }
header.page { padding-top: 1rem; }
h1 { font-size: 1.6rem; margin: 0.4rem 0; }
h2 { font-size: 1.3rem; margin: 1.6rem 0 0.6rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 0.4rem; }
h4 { font-size: 1rem; margin: 0.6rem 0 0.3rem; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.92em; }
.sub { color: var(--muted); font-size: 0.9em; }
.nowrap { white-space: nowrap; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.skip { position: absolute; left: -10000px; }
.skip:focus { left: 1rem; top: 0.5rem; background: var(--bg); padding: 0.4rem; z-index: 10; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
nav.sections ul { display: flex; gap: 1rem; list-style: none; padding: 0; margin: 0.4rem 0; flex-wrap: wrap; }
a { color: var(--accent); }
/* Text from the report is isolated so right-to-left names cannot reorder the text around them. */
td, th, dd, li, p, code, h2, h3, h4, button { unicode-bidi: isolate; }
button { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--border); border-radius: 4px; padding: 0.2rem 0.6rem; cursor: pointer; }
button:disabled { color: var(--muted); cursor: default; }
button.link, button.open { border: none; background: none; padding: 0; color: var(--accent); text-decoration: underline; text-align: left; }
.badge { display: inline-block; padding: 0 0.45rem; border-radius: 0.7rem; font-size: 0.85em; white-space: nowrap; border: 1px solid transparent; }
.status-drift.badge { background: var(--drift); color: #fff; }
.status-unknown.badge { background: var(--unknown-bg); color: var(--unknown-fg); border-color: #a87a1d; }
.status-compliant.badge { background: var(--ok); color: #fff; }
.severity-critical { background: #7f1d1d; color: #fff; }
.severity-high { background: var(--drift); color: #fff; }
.severity-medium { background: #f6c26b; color: #1b1b1b; }
.severity-low { background: #dbe4f3; color: #1b1b1b; }
.severity-info { background: #e6e6e6; color: #1b1b1b; }
.mismatch { color: var(--drift); font-weight: 600; }
.mismatch::before { content: "≠ "; }
.soon { color: var(--drift); font-weight: 600; }
.tag { margin-left: 0.5rem; font-size: 0.8em; border: 1px solid var(--border); border-radius: 3px; padding: 0 0.3rem; font-weight: normal; }
.cards { display: flex; flex-wrap: wrap; gap: 0.75rem; list-style: none; padding: 0; margin: 0.5rem 0 1rem; }
.card { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 0.6rem 1rem; min-width: 9rem; }
.card.status-drift { border-left: 6px solid var(--drift); }
.card.status-unknown { border-left: 6px solid #a87a1d; }
.card.status-compliant { border-left: 6px solid var(--ok); }
.card button.link { color: var(--fg); text-decoration: none; }
.card button.link:hover { text-decoration: underline; }
.big { font-size: 1.6rem; font-weight: 700; display: block; }
.diagnoses { background: var(--panel); border: 1px solid var(--border); border-left: 6px solid #a87a1d; border-radius: 6px; padding: 0.4rem 1rem; margin-bottom: 1rem; }
.diagnoses li p { margin: 0.2rem 0; }
.panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 1rem; }
.panel.ov-findings { grid-column: span 2; }
@media (max-width: 60rem) { .panel.ov-findings { grid-column: auto; } }
.panel { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 0.4rem 1rem 0.8rem; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; color: var(--muted); font-size: 0.9em; padding: 0.2rem 0; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--border); }
thead th { border-bottom: 2px solid var(--fg); white-space: nowrap; }
svg.bar rect.fill { fill: #3d5a99; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0; }
dl.facts dd { margin: 0; }
.filters { display: flex; flex-wrap: wrap; gap: 0.6rem 1rem; align-items: flex-end; background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 0.6rem 1rem; }
.field { display: flex; flex-direction: column; gap: 0.15rem; }
.field.grow { flex: 1 1 14rem; }
.field label { font-size: 0.85em; font-weight: 600; }
select, input { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid #767d88; border-radius: 4px; padding: 0.2rem 0.3rem; }
.match-count { margin: 0.6rem 0; }
.table-wrap { overflow-x: auto; }
table.domains th[aria-sort] button.sort { font-weight: 800; }
button.sort { border: none; background: none; padding: 0; font-weight: 700; }
tbody tr:hover { background: #eef2fb; }
.pager { display: flex; gap: 0.8rem; align-items: center; margin: 0.8rem 0; flex-wrap: wrap; }
dialog#detail { width: min(1180px, 96vw); max-height: 92vh; border: 1px solid var(--border); border-radius: 8px; padding: 0 1.5rem 1.5rem; }
dialog#detail::backdrop { background: rgb(0 0 0 / 45%); }
.detail-head { position: sticky; top: 0; background: var(--bg); padding-top: 0.8rem; border-bottom: 1px solid var(--border); z-index: 1; }
.detail-head h2 { margin: 0; overflow-wrap: anywhere; }
.detail-head .close { position: absolute; right: 0; top: 0.8rem; }
.finding { border: 1px solid var(--border); border-left: 6px solid var(--drift); border-radius: 6px; padding: 0.2rem 1rem 0.6rem; margin: 0.6rem 0; overflow-wrap: anywhere; }
.finding.waived { border-left-color: #767d88; }
.finding dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0; }
.finding dd { margin: 0; }
.diagram { overflow-x: auto; }
svg.chain, svg.trend { max-width: 100%; height: auto; }
figure { margin: 0.5rem 0; }
figcaption { color: var(--muted); font-size: 0.9em; }
svg.chain .node rect { fill: #fff; stroke: #5b6472; stroke-width: 1.5; }
svg.chain .node.broken rect { stroke: var(--drift); stroke-width: 3; stroke-dasharray: 7 4; }
svg.chain text { font-size: 12px; fill: var(--fg); }
svg.chain text.title { font-weight: 700; font-size: 13px; }
svg.chain text.problem { fill: var(--drift); font-weight: 700; }
svg.chain .link path { fill: none; stroke: #5b6472; stroke-width: 1.5; }
svg.chain .link.broken path { stroke: var(--drift); stroke-width: 2.5; stroke-dasharray: 6 4; }
svg.chain .mark circle { fill: #fff; stroke: var(--drift); stroke-width: 2; }
svg.chain .mark text { fill: var(--drift); font-weight: 700; font-size: 12px; }
.chain-list .problem { color: var(--drift); font-weight: 600; }
svg.trend .grid { stroke: #d5d9e0; }
svg.trend text { font-size: 12px; fill: var(--fg); }
svg.trend polyline { fill: none; stroke-width: 2.5; }
svg.trend .series-drift polyline, svg.trend .series-drift line { stroke: var(--drift); stroke-width: 2.5; }
svg.trend .series-drift circle { fill: var(--drift); }
svg.trend .series-unknown polyline, svg.trend .series-unknown line { stroke: #8a5a00; stroke-dasharray: 6 4; stroke-width: 2.5; }
svg.trend .series-unknown rect { fill: #8a5a00; }
svg.strip rect { stroke: #5b6472; stroke-width: 1; }
svg.strip .state-open { fill: var(--drift); }
svg.strip .state-waived { fill: #c58b00; }
svg.strip .state-absent { fill: var(--ok); }
svg.strip .state-not-checked { fill: #9aa0a6; }
svg.strip .state-not-scanned { fill: #fff; }
ul.changes li { margin: 0.2rem 0; overflow-wrap: anywhere; }
footer { color: var(--muted); font-size: 0.85em; margin-top: 2rem; padding-bottom: 2rem; }
@media print {
  .badge, svg, .finding { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  nav.sections, .skip, form.filters, .pager, button.close { display: none; }
  button.link, button.open { color: var(--fg); text-decoration: none; }
  .panel, .card { break-inside: avoid; }
  tr, .finding, figure { break-inside: avoid; }
  details { display: block; }
  details > summary { display: none; }
  body.detail-open > :not(dialog) { display: none; }
  /* An open modal dialog sits in the top layer, fixed and scrolling: print it as a plain page. */
  dialog#detail { position: absolute; inset: 0 auto auto 0; margin: 0; width: 100%; height: auto; max-width: none; max-height: none; border: none; padding: 0; overflow: visible; }
  dialog#detail::backdrop { background: none; }
  .detail-head { position: static; }
  .diagram { overflow: visible; }
}
`;
