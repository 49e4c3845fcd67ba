// Hostile policy files (issue 10): what a pull request can put under policies/ must be refused with
// a diagnostic at its line, never trusted, never allowed to hang or exhaust the run.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess } from "../support/cli.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "dd-adv-policy-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("hostile policy files", () => {
  it("10.2 a provider pattern with a wildcard right below a private public suffix is too broad", async () => {
    const patterns = ["*.*.uk.com", "ns1.*.eu.org", "*.duckdns.org", "*.us.com"];
    const file = join(dir, "private-suffixes.yaml");
    await writeFile(
      file,
      `version: 1
providers:
  route53:
    dnsHost:
      nameservers:
${patterns.map((pattern) => `        - "${pattern}"`).join("\n")}
domains:
  example.com: { registrar: route53, dnsHost: route53 }
`,
    );
    const run = await runCliInProcess(["validate", file], { cwd: dir });
    expect(run.exitCode, run.stdout).toBe(2);
    patterns.forEach((pattern, index) => {
      expect(run.stdout).toContain(
        `${file}:${6 + index}:11: error: name-server pattern \`${pattern}\` of provider \`route53\` is too broad`,
      );
    });
  });
});
