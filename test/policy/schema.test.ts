// The JSON Schema alone (as editors use it) against the worked examples and the bad-input corpus.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { policySchemaValidator } from "../../src/policy/schema-check.js";
import { RULE_IDS } from "../../src/report/model/rule-ids.js";
import schema from "../../src/schemas/policy-v1.schema.json" with { type: "json" };

const ROOT = path.resolve(import.meta.dirname, "../..");
const BAD = path.join(ROOT, "fixtures/policies/bad");

function policyFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.(ya?ml|txt)$/.test(name) && !name.endsWith("expected.txt"))
    .map((name) => path.join(directory, name))
    .filter((file) => statSync(file).isFile())
    .sort();
}

function schemaAccepts(file: string): boolean {
  const validate = policySchemaValidator();
  return validate(parse(readFileSync(file, "utf8"))) === true;
}

interface BadCase {
  readonly name: string;
  readonly kind: "structural" | "semantic" | "input";
}

const cases: BadCase[] = readdirSync(BAD).map((name) => ({
  name,
  ...(JSON.parse(readFileSync(path.join(BAD, name, "case.json"), "utf8")) as {
    kind: BadCase["kind"];
  }),
}));

describe("policy schema", () => {
  it("compiles in ajv's strict mode", () => {
    expect(() => policySchemaValidator()).not.toThrow();
  });

  it("lists exactly the rule ids a waiver may name", () => {
    expect(schema.$defs.waiver.properties.rule.enum).toEqual([...RULE_IDS]);
  });

  it("documents every property, for editors", () => {
    const undocumented: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (typeof node !== "object" || node === null) return;
      const properties = (node as { properties?: Record<string, Record<string, unknown>> })
        .properties;
      for (const [key, property] of Object.entries(properties ?? {})) {
        if (typeof property.description !== "string" && property.$ref === undefined) {
          undocumented.push(`${at}/${key}`);
        }
      }
      for (const [key, child] of Object.entries(node)) walk(child, `${at}/${key}`);
    };
    walk(schema, "#");
    expect(undocumented).toEqual([]);
  });

  const goodFiles = [
    ...policyFiles(path.join(ROOT, "examples")),
    ...policyFiles(path.join(ROOT, "fixtures/policies/good")),
  ];
  it.each(goodFiles.map((file) => [path.relative(ROOT, file)]))("accepts %s", (file) => {
    expect(schemaAccepts(path.join(ROOT, file))).toBe(true);
  });

  it("is referenced by the example policies so editors find it", () => {
    for (const file of policyFiles(path.join(ROOT, "examples"))) {
      const reference = /# yaml-language-server: \$schema=(\S+)/.exec(
        readFileSync(file, "utf8"),
      )?.[1];
      expect(reference, file).toBeDefined();
      expect(existsSync(path.resolve(path.dirname(file), reference ?? ""))).toBe(true);
    }
  });

  it("has a corpus of at least 25 bad cases, each classified", () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    for (const badCase of cases)
      expect(["structural", "semantic", "input"]).toContain(badCase.kind);
  });

  const structural = cases.filter((badCase) => badCase.kind === "structural");
  it.each(structural.map((badCase) => [badCase.name]))("rejects structural case %s", (name) => {
    const files = policyFiles(path.join(BAD, name));
    expect(files.length).toBeGreaterThan(0);
    expect(files.some((file) => !schemaAccepts(file))).toBe(true);
  });

  // The schema cannot see these (other files, the catalog, IDNA, dates): the validator must.
  const semantic = cases.filter((badCase) => badCase.kind === "semantic");
  it.each(semantic.map((badCase) => [badCase.name]))("accepts semantic-only case %s", (name) => {
    const files = policyFiles(path.join(BAD, name));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(schemaAccepts(file), file).toBe(true);
  });
});
