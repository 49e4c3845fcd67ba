// The report files are written into the pull request's checkout: a symbolic link committed there
// (the file itself or a directory on the way) must not send them anywhere else on the runner.
import { readdirSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Report } from "../../../src/report/model/model.js";
import { renderJson } from "../../../src/report/render/json.js";
import { writeReportFiles } from "../../../src/shells/action/report-files.js";
import { sampleReport } from "../../support/sample-report.js";

let root: string;
let workspace: string;
let outside: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "dd-report-files-"));
  workspace = join(root, "checkout");
  outside = join(root, "outside");
  await mkdir(workspace);
  await mkdir(outside);
  await writeFile(join(outside, "victim"), "untouched\n");
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("writeReportFiles", () => {
  it("writes the reports into a plain directory", async () => {
    const written = await writeReportFiles(
      sampleReport(),
      ["json"],
      join(workspace, "out"),
      workspace,
    );
    expect(written).toEqual({
      ok: true,
      files: { json: join(workspace, "out/domain-drift.json") },
    });
    expect(
      JSON.parse(await readFile(join(workspace, "out/domain-drift.json"), "utf8")),
    ).toBeTruthy();
  });

  it("refuses a report file that is a symbolic link", async () => {
    await mkdir(join(workspace, "out"));
    await symlink(join(outside, "victim"), join(workspace, "out/domain-drift.md"));
    const written = await writeReportFiles(
      sampleReport(),
      ["markdown"],
      join(workspace, "out"),
      workspace,
    );
    expect(written.ok).toBe(false);
    expect(await readFile(join(outside, "victim"), "utf8")).toBe("untouched\n");
  });

  it("refuses a report directory reached through a symbolic link", async () => {
    await symlink(outside, join(workspace, "out"), "dir");
    const written = await writeReportFiles(
      sampleReport(),
      ["json"],
      join(workspace, "out/reports"),
      workspace,
    );
    expect(written).toEqual({
      ok: false,
      message: `cannot write the reports to ${join(workspace, "out/reports")}: ${join(workspace, "out")} is a symbolic link`,
    });
    expect(await readFile(join(outside, "victim"), "utf8")).toBe("untouched\n");
  });

  it("refuses a symbolic link whose name starts with two dots", async () => {
    await symlink(outside, join(workspace, "..out"), "dir");
    const written = await writeReportFiles(
      sampleReport(),
      ["json"],
      join(workspace, "..out"),
      workspace,
    );
    expect(written).toEqual({
      ok: false,
      message: `cannot write the reports to ${join(workspace, "..out")}: ${join(workspace, "..out")} is a symbolic link`,
    });
    expect(await readFile(join(outside, "victim"), "utf8")).toBe("untouched\n");
  });

  it("writes the JSON report as it is rendered, never as one string", async () => {
    const sample = sampleReport();
    const domains = Array.from({ length: 100 }, () => sample.domains).flat();
    const file = join(workspace, "out/domain-drift.json");
    // The last domain notes how much of the file is on disk when it is rendered (in the temporary
    // file beside it, renamed over it once complete).
    let writtenBeforeLast = -1;
    const last = sample.domains[0] as Report["domains"][number];
    const noting = {
      ...last,
      toJSON: () => {
        const temporary = readdirSync(dirname(file)).find((name) =>
          name.startsWith(".domain-drift.json."),
        );
        writtenBeforeLast = statSync(join(dirname(file), temporary ?? "none")).size;
        return last;
      },
    };
    const report: Report = { ...sample, domains: [...domains, noting] as Report["domains"] };
    const written = await writeReportFiles(report, ["json"], join(workspace, "out"), workspace);

    expect(written.ok).toBe(true);
    const expected = renderJson({ ...report, domains: [...domains, last] });
    expect(expected.length).toBeGreaterThan(1024 * 1024);
    expect(await readFile(file, "utf8")).toBe(expected);
    // Rendered whole first, the file would still be empty here.
    expect(writtenBeforeLast).toBeGreaterThan(0);
  });
});
