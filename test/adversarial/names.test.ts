// Names that a URL host parser would cut or rewrite (issue 10): `victim.com\.attacker.net` is not
// `victim.com`. Every label is checked as written, in policies and on the command line, and each
// bad name is an error at its line; a look-alike (mixed-script) name is a warning.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess } from "../support/cli.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dd-adv-names-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Each a YAML double-quoted key, and what a URL host parser made of it. */
const REWRITTEN = [
  ["victim.com\\\\.attacker.net", "`\\` (U+005C)"],
  ["ns1.hover.com/x.evil.net", "`/` (U+002F)"],
  ["a%2eb.example.org", "`%` (U+0025)"],
  ["tab\\there.example.org", "U+0009, a control character"],
  ["line\\r\\nbreak.example.org", "U+000D, a control character"],
  ["query?.example.org", "`?` (U+003F)"],
  ["frag#ment.example.org", "`#` (U+0023)"],
  ["zero\\u200bwidth.example.org", "U+200B, an invisible formatting character"],
  ["soft\\u00adhyphen.example.org", "U+00AD, an invisible formatting character"],
] as const;

describe("names a URL parser would rewrite", () => {
  it("10.10 names are checked label by label as written: none is cut at `\\`, `/`, `%2e`, a control or an invisible character", async () => {
    const file = join(dir, "names.yaml");
    await writeFile(
      file,
      `version: 1
defaults: { registrar: route53, dnsHost: hover }
domains:
${REWRITTEN.map(([key]) => `  "${key}": {}`).join("\n")}
  example.com:
    nameservers: ["ns1.hover.com/x.evil.net", "ns2.hover.com"]
  "p\\u0430ypal.com": {}
`,
    );
    const run = await runCliInProcess(["validate", file], { cwd: dir });
    expect(run.exitCode, run.stdout).toBe(2);
    REWRITTEN.forEach(([, character], index) => {
      expect(run.stdout).toContain(`${file}:${4 + index}:3: error: invalid domain name`);
      expect(run.stdout).toContain(
        `characters other than letters, digits and hyphens: ${character}`,
      );
    });
    expect(run.stdout).toContain(
      `${file}:${5 + REWRITTEN.length}:19: error: name server \`ns1.hover.com/x.evil.net\` of domain \`example.com\` is not a valid host name`,
    );
    expect(run.stdout).toContain(
      `${file}:${6 + REWRITTEN.length}:3: warning: domain \`pаypal.com\` (\`xn--pypal-4ve.com\`) mixes Cyrillic and Latin letters in label \`pаypal\``,
    );

    const trace = await runCliInProcess(["trace", "victim.com\\.attacker.net"], { cwd: dir });
    expect(trace.exitCode).toBe(2);
    expect(trace.stderr).toBe(
      'domain-drift trace: invalid domain "victim.com\\.attacker.net": label `com\\` has characters other than letters, digits and hyphens: `\\` (U+005C)\n',
    );
  });
});
