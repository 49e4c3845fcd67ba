// The HTML report's page script (bundled into ../client-script.generated.ts by
// scripts/build-html-client.mjs). It reads the report data from the page's JSON block and builds
// every part of the page from it; ../page.ts has the empty landmarks it fills.
import type { PageData } from "../page-data.js";
import { DomainDetail, findingCard } from "./detail.js";
import { byId, type Child, fill, h } from "./dom.js";
import { count, day } from "./labels.js";
import { overview } from "./overview.js";
import { NO_FILTERS } from "./query.js";
import { DomainTable } from "./table.js";
import { trends } from "./trends.js";

const HASH_PREFIX = "#domain=";

function show(id: string, ...children: Child[]): void {
  byId(id).hidden = false;
  byId(`nav-${id}`).hidden = false;
  fill(byId(`${id}-body`), ...children);
}

function main(): void {
  const data = JSON.parse(byId("report-data").textContent ?? "null") as PageData;
  const o = data.overview;
  const summary = `${count(o.byStatus.drift)} drift, ${count(o.byStatus.unknown)} unknown, ${count(o.byStatus.compliant)} compliant of ${count(o.domains)} domains`;
  document.title = `domain-drift report ${day(data.scan.finishedAt)}: ${summary}`;
  byId("scan-summary").textContent =
    `Scan of ${day(data.scan.finishedAt)}: ${summary}.${data.history ? ` History of ${count(data.history.scans.length)} scans.` : ""}`;

  const byName = new Map(data.domains.map((d, index) => [d.name, index]));
  const detail = new DomainDetail(byId<HTMLDialogElement>("detail"), data, () => {
    history.replaceState(null, "", location.pathname + location.search);
  });
  const open = (index: number, opener: HTMLElement | undefined) => {
    const domain = data.domains[index];
    if (domain === undefined) return;
    detail.show(domain, opener);
    history.replaceState(null, "", `${HASH_PREFIX}${encodeURIComponent(domain.name)}`);
  };
  const table = new DomainTable(data, byId("domains-body"), open);
  fill(
    byId("overview-body"),
    ...overview(data, {
      filter: (filters) => {
        table.setFilters({ ...NO_FILTERS, ...filters });
        const heading = byId("domains-title");
        heading.scrollIntoView();
        heading.focus();
      },
      open,
    }),
  );
  if (data.history !== undefined) show("history", ...trends(data));
  const accountFindings = data.accounts.filter((a) => a.findings.length > 0);
  if (accountFindings.length > 0) {
    show(
      "accounts",
      ...accountFindings.map((a) =>
        h(
          "section",
          { class: "account" },
          h("h3", {}, `AWS account ${a.account}`),
          ...a.findings.map((f) => findingCard(f)),
        ),
      ),
    );
  }
  if (data.resolved !== undefined) {
    show(
      "resolved",
      data.resolved.length === 0
        ? h("p", {}, "Nothing the baseline had is gone.")
        : h(
            "ul",
            {},
            ...data.resolved.map((r) =>
              h(
                "li",
                {},
                r.domain === undefined ? null : h("strong", {}, `${r.domain} `),
                h("code", {}, r.rule),
                `: ${r.message}`,
              ),
            ),
          ),
    );
  }

  // `report.html#domain=example.com` opens that domain: links to one domain can be shared.
  const openFromHash = () => {
    if (!location.hash.startsWith(HASH_PREFIX)) return;
    let name: string;
    try {
      name = decodeURIComponent(location.hash.slice(HASH_PREFIX.length));
    } catch {
      return; // a malformed link opens nothing
    }
    const index = byName.get(name);
    if (index !== undefined) open(index, undefined);
  };
  window.addEventListener("hashchange", openFromHash);
  openFromHash();
  document.body.classList.add("ready");
}

main();
