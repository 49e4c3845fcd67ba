// A usage error is one line saying what is wrong and a hint where to read more, exit code 2 — not
// the whole help, which would push the message off the screen (issue 15 item 7).
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { runCliInProcess } from "../../support/cli.js";

const cwd = tmpdir();

describe("a usage error", () => {
  it.each([
    [["frob"], "error: unknown command 'frob'", "domain-drift --help"],
    [["--bogus"], "error: unknown option '--bogus'", "domain-drift --help"],
    [["check", "--bogus"], "error: unknown option '--bogus'", "domain-drift check --help"],
    [
      ["validate", "--format", "xml"],
      "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json.",
      "domain-drift validate --help",
    ],
    [["trace"], "error: missing required argument 'domain'", "domain-drift trace --help"],
  ])("domain-drift %j: one line and a hint to --help, exit 2", async (argv, message, help) => {
    const run = await runCliInProcess(argv, { cwd });
    expect(run).toEqual({
      exitCode: 2,
      signal: null,
      stdout: "",
      stderr: `${message}\nRun \`${help}\` for usage.\n`,
    });
  });

  it("keeps commander's suggestion of the option meant, before the hint", async () => {
    const run = await runCliInProcess(["check", "--fromat", "json"], { cwd });
    expect(run.stderr).toBe(
      "error: unknown option '--fromat'\n(Did you mean --format?)\nRun `domain-drift check --help` for usage.\n",
    );
    expect(run.exitCode).toBe(2);
  });
});
