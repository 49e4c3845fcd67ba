// docs/providers.md's capability matrix is the providers' declarations, rendered: a provider that
// gains or loses a capability must regenerate it (npm run docs:providers).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  renderCapabilityMatrix,
  withCapabilityMatrix,
} from "../../src/observe/providers/capability-matrix.js";
import { PROVIDERS } from "../../src/observe/providers/registry.js";
import { repoPath } from "../support/repo.js";

const document = readFileSync(repoPath("docs", "providers.md"), "utf8");

describe("docs/providers.md", () => {
  it("has the capability matrix the declarations give (npm run docs:providers)", () => {
    expect(withCapabilityMatrix(document)).toBe(document);
  });

  it("has a column for every registered provider", () => {
    const header = renderCapabilityMatrix().split("\n")[0] ?? "";
    for (const { descriptor } of PROVIDERS) expect(header).toContain(`(\`${descriptor.id}\`)`);
  });

  it("declares every capability of every role a provider plays", () => {
    const matrix = renderCapabilityMatrix();
    expect(matrix).toMatch(/`zoneStatus`: .* \| — \| ✓ \|/);
    expect(matrix).toMatch(/`nameservers`: .* \| ✓ \| — \|/);
  });
});
