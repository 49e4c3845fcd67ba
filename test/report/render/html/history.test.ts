// The history page's data: several reports checked against the schema, ordered, and turned into
// trends, the changes since the previous scan, and each domain's finding timeline.
import { describe, expect, it } from "vitest";
import type { Report } from "../../../../src/report/model/model.js";
import { checkHistory, historyPageData } from "../../../../src/report/render/html/history.js";
import { renderHistoryHtml } from "../../../../src/report/render/html/index.js";
import { reportHistory } from "../../../support/report-history.js";

/** Reports as they arrive from files: parsed JSON. */
const inputs = (reports: readonly Report[]) =>
  reports.map((report, i) => ({
    source: `scan-${i + 1}.json`,
    value: JSON.parse(JSON.stringify(report)) as unknown,
  }));

type Input = ReturnType<typeof inputs>[number];

function history(reports: readonly Report[] = reportHistory()) {
  const checked = checkHistory(inputs(reports));
  if (!checked.ok) throw new Error(checked.message);
  return historyPageData(checked.scans);
}

describe("history", () => {
  it("charts drift and unknown per scan, oldest first, whatever order the files came in", () => {
    const [first, second, third] = reportHistory();
    const data = history([third, first, second] as Report[]);
    expect(data.history?.scans.map((s) => [s.finishedAt.slice(0, 10), s.drift, s.unknown])).toEqual(
      [
        ["2026-11-12", 1, 2],
        ["2026-11-19", 2, 1],
        ["2026-11-26", 2, 1],
      ],
    );
    expect(data.history?.scans.map((s) => s.source)).toEqual([
      "scan-2.json",
      "scan-3.json",
      "scan-1.json",
    ]);
    expect(data.scan.finishedAt).toBe("2026-11-26T12:00:03.500Z");
  });

  it("gives each finding's timeline by fingerprint: when it appeared and when it was resolved", () => {
    const data = history();
    const timeline = (name: string) => data.domains.find((d) => d.name === name)?.timeline;
    const dangling = timeline("recreated.example")?.find((t) => t.rule === "dangling-delegation");
    expect(dangling?.states).toEqual(["absent", "open", "open"]);
    expect(dangling?.events).toEqual([{ scan: 1, event: "appeared" }]);
    const mismatch = timeline("legacy.example")?.find((t) => t.rule === "registrar-mismatch");
    expect(mismatch?.states).toEqual(["open", "open", "absent"]);
    expect(mismatch?.events).toEqual([
      { scan: 0, event: "appeared" },
      { scan: 2, event: "resolved" },
    ]);
    const waived = timeline("waived.example")?.[0];
    expect(waived?.states).toEqual(["waived", "waived", "waived"]);
    expect(timeline("example.com")).toEqual([]);
  });

  it("says what changed since the previous scan", () => {
    expect(history().history?.changes).toEqual({
      appeared: [],
      resolved: [
        {
          domain: "legacy.example",
          rule: "registrar-mismatch",
          severity: "high",
          message:
            "legacy.example is registered with Tucows Domains Inc. <script>@admins, not GoDaddy.",
        },
      ],
      statuses: [],
    });
    const [first, second] = reportHistory();
    const changes = history([first, second] as Report[]).history?.changes;
    expect(changes?.appeared.map((f) => [f.domain, f.rule])).toEqual([
      ["recreated.example", "dangling-delegation"],
      ["recreated.example", "nameservers-mismatch"],
    ]);
    expect(changes?.statuses).toEqual([
      { domain: "recreated.example", from: "unknown", to: "drift" },
    ]);
  });

  it("does not call a finding resolved when its rule could not run, or the domain was not scanned", () => {
    const [first, second, third] = reportHistory();
    const notChecked: Report = {
      ...(third as Report),
      domains: (third as Report).domains.map((d) =>
        d.domain === "legacy.example"
          ? {
              ...d,
              checks: d.checks.map((c) =>
                c.name === "registrar-mismatch"
                  ? { name: c.name, status: "not-checked" as const, reason: "RDAP: timeout" }
                  : c,
              ),
            }
          : d.domain === "recreated.example"
            ? { ...d, findings: [] }
            : d,
      ),
    };
    const without = {
      ...(second as Report),
      domains: (second as Report).domains.filter((d) => d.domain !== "recreated.example"),
    };
    const data = history([first, without, notChecked] as Report[]);
    const legacy = data.domains.find((d) => d.name === "legacy.example")?.timeline;
    expect(legacy?.find((t) => t.rule === "registrar-mismatch")?.states).toEqual([
      "open",
      "open",
      "not-checked",
    ]);
    expect(legacy?.find((t) => t.rule === "registrar-mismatch")?.events).toEqual([
      { scan: 0, event: "appeared" },
    ]);
  });

  it("refuses another schema version, a foreign file and a single shard, naming the file", () => {
    const [first, second] = inputs(reportHistory()) as [Input, Input];
    const other = {
      source: "old.json",
      value: { ...(first?.value as object), schemaVersion: "2.0" },
    };
    expect(renderHistoryHtml([second, other])).toEqual({
      ok: false,
      message:
        "old.json: report schema version 2.0 is not supported (this is domain-drift with schema 1.0)",
    });
    const foreign = renderHistoryHtml([{ source: "notes.json", value: { hello: "world" } }]);
    expect(!foreign.ok && foreign.message).toMatch(/^notes\.json: not a domain-drift report/);
    const shard = {
      source: "shard-1.json",
      value: { ...(first?.value as object), shard: { index: 1, count: 4 } },
    };
    expect(renderHistoryHtml([shard])).toEqual({
      ok: false,
      message: "shard-1.json: is shard 1/4 of a scan; merge the shards first (domain-drift merge)",
    });
    expect(renderHistoryHtml([])).toEqual({ ok: false, message: "no report given" });
  });

  it("renders a page from a single report too", () => {
    const page = renderHistoryHtml(inputs(reportHistory().slice(0, 1)));
    expect(page.ok && page.html.startsWith("<!doctype html>")).toBe(true);
    expect(history(reportHistory().slice(0, 1)).history?.changes).toBeUndefined();
  });
});
