// The HTML report in real headless Chromium, offline: every request but the document itself is
// blocked and fails the test. Skips only when /usr/bin/chromium is missing (CI installs it).
// Screenshots of the overview and of one domain go to test-results/html-report/ (git-ignored).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHistoryHtml, renderHtml } from "../../../../src/report/render/html/index.js";
import {
  BROWSER_MISSING,
  launchBrowser,
  type OpenedPage,
  openPage,
  PageFiles,
  screenshot,
} from "../../../support/browser.js";
import { DNSSEC_DOMAIN, dnssecReport } from "../../../support/dnssec-report.js";
import {
  HOSTILE_DIAGNOSIS,
  HOSTILE_SHOWN,
  hostileReport,
} from "../../../support/hostile-report.js";
import { largeReport } from "../../../support/large-report.js";
import { MIGRATION, withMigration } from "../../../support/migration-report.js";
import { reportHistory } from "../../../support/report-history.js";
import { sampleReport } from "../../../support/sample-report.js";
import { noteSkipped } from "../../../support/skipped.js";

noteSkipped("HTML report in headless Chromium", BROWSER_MISSING);

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

/** The page attempted no request but the document, broke no CSP rule and threw nothing. */
async function expectOffline(opened: OpenedPage): Promise<void> {
  expect(opened.requests.slice(1), "requests besides the document").toEqual([]);
  expect(await opened.violations(), "Content-Security-Policy violations").toEqual([]);
  expect(opened.errors, "script errors").toEqual([]);
}

const matchCount = (page: Page) => page.textContent("#match-count");
const rowNames = (page: Page) =>
  page.$$eval("#domain-table tbody tr[data-domain]", (rows) =>
    rows.map((row) => row.getAttribute("data-domain")),
  );

/** Runs axe-core in the page (evaluated through the browser, which the page's CSP does not govern). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate<string[]>(`axe.run(document).then((result) =>
    result.violations.map((v) => v.id + ": " + JSON.stringify(v.nodes.map((n) => n.target))))`);
}

/** The text of the focused element. */
const focused = (page: Page) =>
  page.evaluate<string | undefined>("document.activeElement?.textContent");

describe.skipIf(BROWSER_MISSING !== undefined)(
  `HTML report in headless Chromium${BROWSER_MISSING ? ` (skipped: ${BROWSER_MISSING})` : ""}`,
  () => {
    let browser: Browser;
    const files = new PageFiles();
    let sampleUrl: string;

    beforeAll(async () => {
      browser = await launchBrowser();
      sampleUrl = await files.write("sample.html", renderHtml(sampleReport()));
    });
    afterAll(async () => {
      await browser?.close();
      await files.remove();
    });

    it("opens offline, shows every domain and every count, and saves a screenshot", async () => {
      const opened = await openPage(browser, sampleUrl);
      const { page } = opened;
      const report = sampleReport();
      expect(await matchCount(page)).toBe("Showing 1–5 of 5 matching domains (5 in all).");
      expect((await rowNames(page)).sort()).toEqual(report.domains.map((d) => d.domain).sort());
      const cards = await page.$$eval(".cards li", (items) =>
        items.map((li) => li.textContent?.replace(/\s+/g, " ").trim()),
      );
      expect(cards).toEqual([
        "5 domains",
        "2 ✗ drift",
        "1 ? unknown",
        "2 ✓ compliant",
        "1 waived findings",
      ]);
      const findingRows = await page.$$eval(".ov-findings tbody tr", (rows) =>
        rows.map((row) => [...row.children].map((cell) => cell.textContent?.trim())),
      );
      for (const [rule, count] of Object.entries(report.summary.byRule).filter(([, n]) => n > 0)) {
        expect(findingRows.find((row) => row[0] === rule)?.at(-1), rule).toBe(String(count));
      }
      expect(findingRows.at(-1)).toEqual(["All rules", "1", "2", "1", "2", "", "6"]);
      const setups = await page.$$eval(".ov-setups tbody tr", (rows) =>
        rows.map((row) => [...row.children].map((cell) => cell.textContent?.trim())),
      );
      expect(setups).toEqual([
        ["traditional", "2", "2"],
        ["registrar-only", "0", "0"],
        ["dns-host-only", "1", "1"],
        ["external", "2", "1"],
        ["unknown", "—", "1"],
      ]);
      expect(await page.textContent("#accounts")).toContain("forgotten.example");
      await screenshot(page, "overview.png");
      await expectOffline(opened);
    });

    it("filters by status, setup, registrar, DNS host, rule and text, and sorts by column", async () => {
      const opened = await openPage(browser, sampleUrl);
      const { page } = opened;
      const shown = async () => (await rowNames(page)).sort();
      await page.selectOption("#filter-status", "drift");
      expect(await shown()).toEqual(["legacy.example", "recreated.example"]);
      await page.selectOption("#filter-status", "");
      await page.selectOption("#filter-setup", "o:unknown");
      expect(await shown()).toEqual(["xn--bcher-kva.example"]);
      await page.selectOption("#filter-setup", "i:external");
      expect(await shown()).toEqual(["waived.example", "xn--bcher-kva.example"]);
      await page.selectOption("#filter-setup", "");
      await page.selectOption("#filter-registrar", "o:hover");
      expect(await shown()).toEqual(["legacy.example"]);
      await page.selectOption("#filter-registrar", "i:godaddy");
      expect(await shown()).toEqual(["legacy.example", "waived.example"]);
      await page.selectOption("#filter-registrar", "");
      await page.selectOption("#filter-dns-host", "o:hover");
      expect(await shown()).toEqual(["waived.example", "xn--bcher-kva.example"]);
      await page.selectOption("#filter-dns-host", "");
      await page.selectOption("#filter-rule", "dangling-delegation");
      expect(await shown()).toEqual(["recreated.example"]);
      await page.selectOption("#filter-rule", "");
      await page.fill("#filter-text", "BÜCHER");
      await expect.poll(shown).toEqual(["xn--bcher-kva.example"]);
      await page.fill("#filter-text", "tucows");
      await expect.poll(shown).toEqual(["legacy.example"]);
      await page.click("#filter-reset");
      await expect.poll(() => matchCount(page)).toContain("of 5 matching");

      // Sorting: by the name people read (bücher before example), ascending then descending.
      const names = () =>
        page.$$eval("button.open", (buttons) => buttons.map((b) => b.textContent ?? ""));
      await page.click('button[data-sort="domain"]');
      const ascending = await names();
      expect(ascending).toEqual([...ascending].sort());
      expect(ascending[0]).toBe("bücher.example");
      expect(await page.getAttribute('th:has(button[data-sort="domain"])', "aria-sort")).toBe(
        "ascending",
      );
      await page.click('button[data-sort="domain"]');
      expect(await names()).toEqual([...ascending].reverse());
      await page.click('button[data-sort="findings"]');
      expect((await rowNames(page))[0]).toBe("recreated.example");
      await expectOffline(opened);
    });

    it("draws the broken links of a drifting domain in red and in words, and none for a compliant one", async () => {
      const opened = await openPage(browser, `${sampleUrl}#domain=recreated.example`);
      const { page } = opened;
      await page.waitForSelector("dialog[open] svg.chain");
      // Every delegated server REFUSED: four broken registry → server links, each with its label.
      expect(await page.$$eval("svg.chain .link.broken", (links) => links.length)).toBe(8);
      expect(await page.$$eval("svg.chain .link.broken .mark text", (m) => m.length)).toBe(8);
      const problems = await page.$$eval("svg.chain text.problem", (texts) =>
        texts.map((t) => t.textContent),
      );
      expect(problems).toContain("✗ REFUSED");
      expect(problems).toContain("✗ delegated elsewhere");
      expect(problems.some((p) => p?.startsWith("✗ not in the zone's delegation set"))).toBe(true);
      expect(await page.textContent(".chain-list")).toContain(
        "✗ 4 of 4 servers not in the delegation",
      );
      expect(await page.textContent("#detail")).toContain("Remediation");
      await page.setViewportSize({ width: 1280, height: 2400 });
      await screenshot(page, "domain-recreated.example.png");

      await page.keyboard.press("Escape");
      await page.click('button.open:text-is("example.com")');
      await page.waitForSelector("dialog[open] svg.chain");
      expect(await page.$$eval("svg.chain .broken", (b) => b.length)).toBe(0);
      await expectOffline(opened);
    });

    it("draws the DNSSEC chain per server address, the broken server's parts in red and in words", async () => {
      const url = await files.write("dnssec.html", renderHtml(dnssecReport()));
      const opened = await openPage(browser, `${url}#domain=${DNSSEC_DOMAIN}`);
      const { page } = opened;
      await page.waitForSelector("dialog[open] #detail-dnssec svg.dnssec");
      const drawings = await page.$$eval("#detail-dnssec svg.dnssec", (svgs) =>
        svgs.map((svg) => ({
          label: svg.getAttribute("aria-label"),
          links: svg.querySelectorAll(".link").length,
          broken: [...svg.querySelectorAll(".node.broken text.title")].map((t) => t.textContent),
        })),
      );
      expect(drawings).toEqual([
        { label: expect.stringMatching(/: secure$/), links: 3, broken: [] },
        {
          label: expect.stringMatching(/: bogus, 2 broken parts, listed below$/),
          links: 2,
          broken: ["DS 4242", "DNSKEY"],
        },
      ]);
      const list = await page.textContent("#detail-dnssec .dnssec-list");
      expect(list).toContain("✗ ds-matches-no-key, dnskey-not-signed-by-ds-key");
      expect(list).toContain("✗ DS 4242: no-matching-key");
      expect(await page.textContent("#detail-dnssec")).toContain("Parent DS: 4242/13/SHA-256");
      // The finding's text stays text.
      expect(await page.textContent("#detail-dnssec")).toContain("<b>from</b>");
      expect(await axeViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 2400 });
      await screenshot(page, "domain-dnssec.png");
      await expectOffline(opened);
    });

    it("shows a migrating domain's phase and each check's verdict, the reason as text", async () => {
      const { report, domain } = withMigration({
        ...MIGRATION,
        keepOldHostUntil: "2026-12-06T10:00:00Z",
      });
      const url = await files.write("migration.html", renderHtml(report));
      const opened = await openPage(browser, `${url}#domain=${domain}`);
      const { page } = opened;
      await page.waitForSelector("dialog[open] #detail-migration table");
      const rows = await page.$$eval("#detail-migration tbody tr", (trs) =>
        trs.map((tr) => [...tr.children].map((cell) => cell.textContent)),
      );
      expect(rows).toEqual([
        ["delegation", "✗ fail", "2 of 4 parent servers delegate to route53"],
        ["target-zone", "✓ pass", "zone Z1 exists (pinned)"],
        ["record-parity", "? not checked", "a|b <script>"],
      ]);
      const section = await page.textContent("#detail-migration");
      expect(section).toContain("Phase: switching");
      expect(section).toContain("Keep the old zone until 2026-12-06 10:00 UTC.");
      expect(await axeViolations(page)).toEqual([]);
      await expectOffline(opened);
    });

    it("works from the keyboard: rows are reachable, Enter opens the detail, Escape closes it", async () => {
      const opened = await openPage(browser, sampleUrl);
      const { page } = opened;
      await page.focus("#filter-reset");
      // Tab from the filters reaches the sortable headers, then the first row's domain.
      for (let i = 0; i < 20; i += 1) {
        await page.keyboard.press("Tab");
        if (await page.evaluate("document.activeElement?.classList.contains('open')")) break;
      }
      const first = await focused(page);
      expect(first).toBe("legacy.example");
      await page.keyboard.press("ArrowDown");
      expect(await focused(page)).toBe("recreated.example");
      await page.keyboard.press("End");
      expect(await focused(page)).toBe("waived.example");
      await page.keyboard.press("ArrowUp");
      expect(await focused(page)).toBe("example.com");
      await page.keyboard.press("Enter");
      await page.waitForSelector("dialog[open]");
      expect(await page.textContent("#detail-title")).toBe("example.com");
      expect(await page.evaluate("document.activeElement?.closest('dialog') !== null")).toBe(true);
      await page.keyboard.press("Escape");
      await page.waitForSelector("dialog:not([open])", { state: "attached" });
      expect(await focused(page)).toBe("example.com");
      await expectOffline(opened);
    });

    it("passes axe-core on the overview, the table and an open domain", async () => {
      const opened = await openPage(browser, sampleUrl);
      const { page } = opened;
      expect(await axeViolations(page)).toEqual([]);
      await page.click('button.open:text-is("legacy.example")');
      await page.waitForSelector("dialog[open]");
      expect(await axeViolations(page)).toEqual([]);
      await expectOffline(opened);
    });

    it("refuses to let any string reach innerHTML (Trusted Types are required)", async () => {
      const opened = await openPage(browser, sampleUrl);
      const outcome = await opened.page.evaluate(`(() => {
        try {
          document.body.insertAdjacentHTML("beforeend", "<b>x</b>");
          return "accepted";
        } catch (error) {
          return error.name;
        }
      })()`);
      expect(outcome).toBe("TypeError");
    });

    for (const bypassCSP of [false, true]) {
      it(`shows hostile strings in every field as text and runs none of them${bypassCSP ? ", even with the CSP bypassed" : ""}`, async () => {
        const url = await files.write(`hostile-${bypassCSP}.html`, renderHtml(hostileReport()));
        const opened = await openPage(browser, url, { bypassCSP });
        const { page } = opened;
        const names = await page.$$eval("button.open", (buttons) =>
          buttons.map((b) => b.textContent),
        );
        expect(names).toHaveLength(5);
        let text = (await page.textContent("body")) ?? "";
        for (let i = 0; i < names.length; i += 1) {
          await page.locator("button.open").nth(i).click();
          await page.waitForSelector("dialog[open]");
          text += (await page.textContent("dialog")) ?? "";
          await page.keyboard.press("Escape");
        }
        expect(await page.evaluate("typeof window.__pwned")).toBe("undefined");
        expect(await page.$$eval("img, iframe, object, embed", (found) => found.length)).toBe(0);
        expect(await page.$$eval("script", (found) => found.length)).toBe(2);
        expect(await page.$$eval("[onerror], [onload]", (found) => found.length)).toBe(0);
        // Booleans, not toContain: a failure would print the whole page.
        expect(text.includes(HOSTILE_SHOWN)).toBe(true);
        expect(text.includes("\u202E")).toBe(false);
        // Every field: the registrar name, a name server, a check reason, a waiver reason, the
        // policy file, a shared failure's reason and fix.
        for (const field of [
          HOSTILE_DIAGNOSIS.reason,
          HOSTILE_DIAGNOSIS.fix,
          "Tucows Domains Inc. <script>@admins",
          "ns-0.awsdns-00.com",
          "not authorized to perform route53:ListHostedZones",
          "registry has no lock | see *OPS-7*",
          "policies/brands.yaml",
        ]) {
          expect(text.includes(`${field}${HOSTILE_SHOWN}`), field).toBe(true);
        }
        await expectOffline(opened);
      });
    }

    it("opens 10,000 domains, pages through them and filters to one", async () => {
      const report = largeReport(10_000);
      const url = await files.write("large.html", renderHtml(report));
      const opened = await openPage(browser, url);
      const { page } = opened;
      expect(await matchCount(page)).toBe(
        "Showing 1–50 of 10,000 matching domains (10,000 in all).",
      );
      expect(await page.$$eval("#domain-table tbody tr", (rows) => rows.length)).toBe(50);
      await page.click("text=Next ›");
      expect(await matchCount(page)).toBe(
        "Showing 51–100 of 10,000 matching domains (10,000 in all).",
      );
      await page.selectOption("#filter-status", "drift");
      expect(await matchCount(page)).toContain(
        `of ${report.summary.drift.toLocaleString("en")} matching`,
      );
      await page.selectOption("#filter-status", "");
      await page.fill("#filter-text", "d09999-");
      await expect.poll(() => rowNames(page)).toEqual(["d09999-xn--bcher-kva.example"]);
      await page.click("button.open");
      await page.waitForSelector("dialog[open] svg.chain");
      expect(await page.textContent("#detail-title")).toBe("d09999-bücher.example");
      await expectOffline(opened);
    }, 120_000);

    it("history: trends, changes since the previous scan, and each domain's timeline", async () => {
      const rendered = renderHistoryHtml(
        reportHistory().map((report, i) => ({
          source: `scan-${i + 1}.json`,
          value: JSON.parse(JSON.stringify(report)),
        })),
      );
      if (!rendered.ok) throw new Error(rendered.message);
      const opened = await openPage(browser, await files.write("history.html", rendered.html));
      const { page } = opened;
      expect(await page.isVisible("#history")).toBe(true);
      expect(await page.$$eval("svg.trend .series-drift circle", (c) => c.length)).toBe(3);
      const history = (await page.textContent("#history")) ?? "";
      expect(history).toContain("Resolved findings (1)");
      expect(history).toContain("registrar-mismatch");
      await page.click('button.open:text-is("recreated.example")');
      await page.waitForSelector("dialog[open] #detail-history");
      const timeline = (await page.textContent("#detail-history")) ?? "";
      expect(timeline).toContain("appeared 2026-11-19; last scan: open");
      expect(await page.$$eval("dialog svg.strip rect.state-open", (r) => r.length)).toBe(4);
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press("Escape");
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, "history.png");
      await expectOffline(opened);
    });
  },
);
