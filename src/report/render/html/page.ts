// The HTML document: a fixed shell of landmarks, the report data as JSON, the page script and the
// stylesheet, all inline. The shell holds no text from the report; the script fills it in.
import { CLIENT_SCRIPT } from "./client-script.generated.js";
import { contentSecurityPolicy } from "./csp.js";
import { jsonForScript } from "./json-script.js";
import type { PageData } from "./page-data.js";
import { STYLES } from "./styles.js";

const CSP = contentSecurityPolicy({ script: CLIENT_SCRIPT, style: STYLES });

const SHELL_START = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="domain-drift">
<title>domain-drift report</title>
<style>${STYLES}</style>
</head>
<body>
<a class="skip" href="#domains">Skip to the domain table</a>
<header class="page">
<h1>domain-drift report</h1>
<p id="scan-summary">This report is built by its script; JavaScript must be enabled to read it.</p>
<nav class="sections" aria-label="Sections">
<ul>
<li><a href="#overview">Overview</a></li>
<li id="nav-history" hidden><a href="#history">Trends</a></li>
<li><a href="#domains">Domains</a></li>
<li id="nav-accounts" hidden><a href="#accounts">AWS accounts</a></li>
<li id="nav-resolved" hidden><a href="#resolved">Resolved</a></li>
</ul>
</nav>
</header>
<main>
<section id="overview" aria-labelledby="overview-title">
<h2 id="overview-title">Overview</h2>
<div id="overview-body"></div>
</section>
<section id="history" aria-labelledby="history-title" hidden>
<h2 id="history-title">Trends</h2>
<div id="history-body"></div>
</section>
<section id="domains" aria-labelledby="domains-title">
<h2 id="domains-title" tabindex="-1">Domains</h2>
<div id="domains-body"></div>
</section>
<section id="accounts" aria-labelledby="accounts-title" hidden>
<h2 id="accounts-title">AWS accounts</h2>
<div id="accounts-body"></div>
</section>
<section id="resolved" aria-labelledby="resolved-title" hidden>
<h2 id="resolved-title">Resolved since the baseline</h2>
<div id="resolved-body"></div>
</section>
</main>
<dialog id="detail" aria-labelledby="detail-title"></dialog>
<footer>
<p>Written by domain-drift. This file is self-contained: it loads nothing and works offline.</p>
</footer>
<script type="application/json" id="report-data">`;

const SHELL_END = `</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;

/** The page, with the data embedded. */
export function htmlPage(data: PageData): string {
  return `${SHELL_START}${jsonForScript(data)}${SHELL_END}`;
}
