import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BUILTIN_PROVIDERS } from "../../../src/catalog/builtin-providers.js";
import { ALL_RULES } from "../../../src/judge/rules/registry.js";
import { RULE_IDS } from "../../../src/report/model/rule-ids.js";
import { buildProgram } from "../../../src/shells/cli/program.js";
import { repoPath } from "../../support/repo.js";

describe("rule registry", () => {
  it("registers exactly one rule per id, each with a severity, a title and a doc", () => {
    expect(ALL_RULES.map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
    for (const rule of ALL_RULES) {
      expect(rule.title.length, rule.id).toBeGreaterThan(10);
      expect(rule.doc.length, rule.id).toBeGreaterThan(80);
    }
  });

  it("titles name no provider: a rule judges whichever registrar or DNS host a domain has", () => {
    // As people write them too: "Route 53" for "Amazon Route 53", "NS1" for "NS1 (IBM NS1 Connect)".
    const names = BUILTIN_PROVIDERS.flatMap(({ name }) => [
      name,
      name.replace(/ \(.*\)$/, ""),
      name.replace(/^Amazon /, ""),
    ]);
    for (const rule of ALL_RULES) {
      for (const name of new Set(names)) expect(rule.title, rule.id).not.toContain(name);
    }
  });

  it("keeps the contract's ids and default severities", () => {
    const severity = Object.fromEntries(ALL_RULES.map((r) => [r.id, r.severity]));
    expect(severity["dangling-delegation"]).toBe("critical");
    expect(severity["domain-not-registered"]).toBe("critical");
    expect(severity["registrar-mismatch"]).toBe("high");
  });
});

describe("README", () => {
  const readme = readFileSync(repoPath("README.md"), "utf8");

  it("lists every rule with its severity and title", () => {
    for (const rule of ALL_RULES) {
      expect(readme).toContain(`| \`${rule.id}\` | ${rule.severity} | ${rule.title} |`);
    }
  });

  it("lists every command", () => {
    const stderr = { write: () => true };
    const program = buildProgram({
      io: { stdout: { write: () => true }, stderr, env: {}, cwd: "." },
      progress: stderr,
      exitCode: 0,
    });
    for (const command of program.commands) {
      expect(readme).toContain(`| \`domain-drift ${command.name()}`);
    }
  });
});
