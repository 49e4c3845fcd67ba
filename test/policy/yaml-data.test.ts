// The linear YAML-to-data conversion gives what the `yaml` library's `toJS` gives, and the alias
// index counts what aliases stand for.

import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { parsePolicyYaml } from "../../src/policy/parse-yaml.js";
import { indexAliases } from "../../src/policy/yaml-aliases.js";
import { documentData } from "../../src/policy/yaml-data.js";

function both(text: string) {
  const document = parseDocument(text, { uniqueKeys: false });
  const aliases = indexAliases(document.contents, 1_000);
  return { expected: document.toJS(), actual: documentData(document, aliases), aliases };
}

describe("documentData", () => {
  it.each([
    ["scalars", "a: 1\nb: true\nc: ~\nd: text\ne: 1.5\nf: '2027-01-01'\n"],
    ["shared values", "x: &x { k: [1, 2] }\ny: *x\nz: [*x, *x]\n"],
    ["the last anchor before an alias", "a: &n 1\nb: &n 2\nc: *n\n"],
    ["an anchored key used as a value", "&k key: 1\nother: *k\n"],
    ["duplicate keys (the last wins) and an empty value", "a: 1\na: 2\nb:\n"],
    ["keys toJS writes as strings", "1: a\n~: b\ntrue: c\n"],
  ])("%s", (_, text) => {
    const { expected, actual } = both(text);
    expect(actual).toEqual(expected);
  });

  it("keeps __proto__ an own key, not the prototype", () => {
    const { actual } = both("__proto__: { polluted: true }\n");
    expect(Object.getPrototypeOf(actual)).toBe(Object.prototype);
    expect(Object.keys(actual as object)).toEqual(["__proto__"]);
  });
});

describe("indexAliases", () => {
  it("counts every node an alias stands for", () => {
    expect(both("a: &a [1, 2]\nb: [*a, *a]\n").aliases.overBudget).toBeUndefined();
    const document = parseDocument("a: &a [1, 2]\nb: [*a, *a]\n");
    expect(indexAliases(document.contents, 5).overBudget?.cycle).toBe(false);
    expect(indexAliases(document.contents, 6).overBudget).toBeUndefined();
  });

  it("refuses an alias inside the node it refers to", () => {
    const document = parseDocument("a: &a [1, *a]\n");
    expect(indexAliases(document.contents, 1_000).overBudget?.cycle).toBe(true);
  });
});

describe("parsePolicyYaml", () => {
  it("refuses %YAML 1.1, under which `no`, `y` and dates would mean something else", () => {
    const outcome = parsePolicyYaml("a.yaml", "%YAML 1.1\n---\nversion: 1\n");
    expect(outcome.parsed).toBeUndefined();
    expect(outcome.diagnostics).toEqual([
      expect.objectContaining({ code: "unsupported-yaml", line: 1, column: 1 }),
    ]);
  });
});
