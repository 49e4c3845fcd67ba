// The `$schema` reference of generated files: relative to the file, to a schema inside the project.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { policySchemaReference } from "../../src/init/schema-reference.js";

const REPO = path.resolve(import.meta.dirname, "../..");

describe("policySchemaReference", () => {
  it("points at src/schemas in a checkout of domain-drift, as the example policies do", () => {
    expect(policySchemaReference(path.join(REPO, "policies"), REPO)).toBe(
      "../src/schemas/policy-v1.schema.json",
    );
    expect(policySchemaReference(path.join(REPO, "policies", "aws"), REPO)).toBe(
      "../../src/schemas/policy-v1.schema.json",
    );
  });

  it("points at the installed package inside the project", async () => {
    const project = await mkdtemp(path.join(tmpdir(), "dd-schema-"));
    const installed = path.join(project, "node_modules", "domain-drift", "lib", "schemas");
    await mkdir(installed, { recursive: true });
    await writeFile(path.join(installed, "policy-v1.schema.json"), "{}");
    const shipped = [path.join(installed, "policy-v1.schema.json")];
    expect(policySchemaReference(path.join(project, "policies"), project, shipped)).toBe(
      "../node_modules/domain-drift/lib/schemas/policy-v1.schema.json",
    );
  });

  it("never points outside the project (npx, a global install): the path a dev install gives", async () => {
    const project = await mkdtemp(path.join(tmpdir(), "dd-schema-"));
    expect(policySchemaReference(path.join(project, "infra", "policies"), project)).toBe(
      "../../node_modules/domain-drift/lib/schemas/policy-v1.schema.json",
    );
  });
});
