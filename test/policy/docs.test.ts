// Keeps the policy documentation true to the code.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUILTIN_PROVIDERS } from "../../src/catalog/builtin-providers.js";
import { DIAGNOSTIC_CODES } from "../../src/policy/diagnostics.js";
import { runCliInProcess } from "../support/cli.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const languageDoc = readFileSync(path.join(ROOT, "docs/policy-language.md"), "utf8");
const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");

describe("docs/policy-language.md", () => {
  it.each(DIAGNOSTIC_CODES.map((code) => [code]))("documents diagnostic code %s", (code) => {
    expect(languageDoc).toContain(`| \`${code}\` |`);
  });

  it.each(BUILTIN_PROVIDERS.map((provider) => [provider.id, provider]))(
    "lists built-in provider %s with its patterns, sharing and IANA ids",
    (id, provider) => {
      const section = languageDoc.slice(languageDoc.indexOf("## Built-in providers"));
      const row = section.split("\n").find((line) => line.startsWith(`| \`${id}\` |`));
      expect(row, id).toBeDefined();
      for (const pattern of provider.dnsHost?.nameservers ?? [])
        expect(row).toContain(`\`${pattern}\``);
      if (provider.dnsHost !== undefined) {
        expect(row).toContain(provider.dnsHost.sharedHosting ? "| yes |" : "| no |");
      }
      for (const ianaId of provider.registrar?.ianaIds ?? []) expect(row).toContain(String(ianaId));
    },
  );
});

describe("README", () => {
  it("keeps the install and test commands CI runs", () => {
    expect(readme).toMatch(/## Install\n\n```sh\nnpm ci\n```/);
    expect(readme).toMatch(/## Test\n\n```sh\nnpm test\n```/);
  });

  it("shows the quick start's real output", async () => {
    const run = await runCliInProcess(["validate", "examples/"], { cwd: ROOT });
    expect(run.exitCode).toBe(0);
    expect(readme).toContain(
      `npx domain-drift validate examples/\n\`\`\`\n\n\`\`\`\n${run.stdout}\`\`\``,
    );
  });
});
