// Bidi controls and invisible characters (issue 10): a registry's registrar name or a policy key
// holding U+202E reorders what a reviewer sees ("Trojan Source"). Every format that prints untrusted
// text shows them neutralised (U+FFFD); JSON keeps the data, with the characters as \u escapes.
// The built binary against a lab world whose registry names its registrar with them.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildLib } from "../support/build.js";
import { runCliBinary } from "../support/cli.js";
import { HOVER, LOCKED } from "../support/lab-names.js";
import { type LabWorld, startLabWorld } from "../support/lab-world.js";

const KILL_AFTER_MS = 60_000;
/** A right-to-left override, a zero-width space, a left-to-right isolate and a BOM. */
const HIDDEN = ["\u202e", "\u200b", "\u2066", "\ufeff"];
const REGISTRAR = `Evil${HIDDEN.join("")}exe.gnp Registrar`;

let lab: LabWorld;
beforeAll(async () => {
  [lab] = await Promise.all([
    startLabWorld(
      {
        internet: { domains: [{ name: "bidi.com", delegation: HOVER }] },
        rdap: {
          "bidi.com": {
            registrar: { ianaId: 9999, name: REGISTRAR },
            statuses: LOCKED,
            nameservers: HOVER,
            events: { expiration: "2030-01-01T00:00:00Z" },
          },
        },
        accounts: [{ profile: "default" }],
      },
      "dd-adv-text-",
    ),
    buildLib(),
  ]);
  await writeFile(
    join(lab.dir, "policy.yaml"),
    "version: 1\ndomains:\n  bidi.com: { registrar: hover, dnsHost: hover }\n",
  );
  await writeFile(
    join(lab.dir, "bad.yaml"),
    `version: 1\ndomains:\n  bidi.com: { registrar: hover, "dnsHost${HIDDEN.join("")}": hover }\n`,
  );
}, 300_000);
afterAll(async () => {
  await lab?.close();
});

function expectNeutralised(text: string, where: string): void {
  for (const char of HIDDEN)
    expect(text.includes(char), `${where} holds U+${char.charCodeAt(0).toString(16)}`).toBe(false);
}

describe("untrusted text with bidi and invisible characters", () => {
  it("10.11 bidi and invisible characters from RDAP and policies are neutralised in text, Markdown, annotations, SARIF, JSON and diagnostics", async () => {
    const run = await runCliBinary(
      [
        "check",
        "policy.yaml",
        ...lab.scenario.cliArgs,
        "--no-aws",
        "--cache-dir",
        "cache",
        "--format",
        "text",
        ...["--format", "markdown", "--output", "report.md"],
        ...["--format", "github", "--output", "annotations.txt"],
        ...["--format", "sarif", "--output", "report.sarif"],
        ...["--format", "json", "--output", "report.json"],
      ],
      { cwd: lab.dir, env: lab.env, timeoutMs: KILL_AFTER_MS },
    );
    expect(run.signal, "check had to be killed").toBeNull();
    expect(run.exitCode, run.stderr).toBe(1); // registrar-mismatch: the registry names another registrar
    expect(run.stdout).toContain("Evil\ufffd\ufffd\ufffd\ufffdexe.gnp Registrar");
    expectNeutralised(run.stdout, "the text report");
    for (const file of ["report.md", "annotations.txt", "report.sarif", "report.json"]) {
      expectNeutralised(await readFile(join(lab.dir, file), "utf8"), file);
    }
    // JSON keeps the data: the escapes parse back to the registry's own characters.
    const json = JSON.parse(await readFile(join(lab.dir, "report.json"), "utf8"));
    expect(JSON.stringify(json)).toContain(REGISTRAR);

    const validate = await runCliBinary(["validate", "bad.yaml"], {
      cwd: lab.dir,
      env: lab.env,
      timeoutMs: KILL_AFTER_MS,
    });
    expect(validate.exitCode).toBe(2);
    expect(validate.stdout).toContain("unknown key `dnsHost\ufffd\ufffd\ufffd\ufffd`");
    expectNeutralised(validate.stdout + validate.stderr, "validate's diagnostics");
  });
});
