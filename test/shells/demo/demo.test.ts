// `domain-drift demo` end to end: the demo world, the real `check` on the demo policies, the
// verdicts a newcomer is told about, and an AWS environment that neither leaks in nor is left
// changed.
import { tmpdir } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { runDemo } from "../../../src/shells/demo/run-demo.js";
import { DEMO_DOMAINS, EXPECTED_STATUS } from "../../../src/shells/demo/world.js";
import { runCliInProcess } from "../../support/cli.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => err.push(text) },
      env: {},
      cwd: process.cwd(),
    },
    stdout: () => out.join(""),
    stderr: () => err.join(""),
  };
}

/** `✗ drift     northwind-api.com  examples/...` → { "northwind-api.com": "drift" }. */
function statuses(text: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of text.matchAll(/^\S+ (compliant|drift|unknown)\s+(\S+)\s+examples\//gm)) {
    found[match[2] as string] = match[1] as string;
  }
  return found;
}

/** The findings printed under one domain's line, as "rule" ids. */
function rulesOf(text: string, domain: string): string[] {
  const start = text.search(new RegExp(`^\\S+ \\w+\\s+${domain.replaceAll(".", "\\.")} `, "m"));
  const rest = text.slice(start).split("\n").slice(1);
  const block = rest.slice(
    0,
    rest.findIndex((line) => !line.startsWith(" ")),
  );
  return block.flatMap(
    (line) => /^ {4}(?:critical|high|medium|low|info)\s+([a-z-]+):/.exec(line)?.[1] ?? [],
  );
}

const REAL_LOOKING_KEY = "AKIAIOSFODNN7EXAMPLE";

afterEach(() => {
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_PROFILE;
});

describe("domain-drift demo", () => {
  // How long it takes is the benchmark's business (docs/benchmark.md), not a timed test's.
  it("checks the demo portfolio and reports the three drifts, from any directory", async () => {
    const run = await runCliInProcess(["demo"], { cwd: tmpdir() });
    const text = run.stdout;

    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(1);
    expect(statuses(text)).toEqual(
      Object.fromEntries(DEMO_DOMAINS.map((domain) => [domain, EXPECTED_STATUS[domain]])),
    );
    expect(rulesOf(text, "northwind-api.com")).toEqual(
      expect.arrayContaining(["dangling-delegation", "nameservers-mismatch"]),
    );
    expect(rulesOf(text, "northwind-mail.com")).toContain("registrar-mismatch");
    expect(rulesOf(text, "northwind-shop.net")).toContain("dns-host-mismatch");
    expect(text).toMatch(/\d+ name servers \(root, TLDs, .*\) on 127\.\d+\.\d+\.0\/24, port \d+/);
    expect(text).toContain("The exit code, 1, is what a CI job");
  });

  it("ignores the caller's AWS variables and puts them back afterwards", async () => {
    // A key the emulator does not know: if the check used it, every AWS source would be
    // unavailable and the Route 53 domains could not be compliant.
    process.env.AWS_ACCESS_KEY_ID = REAL_LOOKING_KEY;
    process.env.AWS_PROFILE = "production";
    const run = capture();
    const code = await runDemo(run.io);

    expect(code).toBe(1);
    expect(statuses(run.stdout())["northwind.com"]).toBe("compliant");
    expect(process.env.AWS_ACCESS_KEY_ID).toBe(REAL_LOOKING_KEY);
    expect(process.env.AWS_PROFILE).toBe("production");
    expect(process.env.AWS_ENDPOINT_URL_ROUTE_53).toBeUndefined();
    expect(process.env.AWS_CONFIG_FILE).toBeUndefined();
  });
});
