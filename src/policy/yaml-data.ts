// A parsed YAML document as plain data, in time linear in the document: the `yaml` library's own
// `toJS` resolves each alias by a scan of the document. Aliases become the very value of their
// anchor (shared, never copied), so memory stays linear too; what the shared values add up to was
// bounded by ./yaml-aliases.ts before this runs. Policies use the YAML 1.2 core schema, so every
// scalar is already a string, number, boolean or null, and every key a scalar.
import { type Document, isAlias, isMap, isScalar, isSeq } from "yaml";
import type { AliasIndex } from "./yaml-aliases.js";
import { mapKeyString } from "./yaml-locator.js";

/** The document's data, as `document.toJS()` would give it. */
export function documentData(document: Document, aliases: AliasIndex): unknown {
  const anchored = new Map<unknown, unknown>();
  const convert = (node: unknown): unknown => {
    if (isAlias(node)) return anchored.get(aliases.targets.get(node));
    let value: unknown = null;
    if (isScalar(node)) {
      value = typeof node.value === "bigint" ? Number(node.value) : node.value;
    } else if (isMap(node)) {
      const map: Record<string, unknown> = {};
      for (const pair of node.items) {
        convert(pair.key); // an anchored key may be aliased as a value
        const key = mapKeyString(pair.key) ?? "";
        // As `toJS` does: a later duplicate wins, and `__proto__` is an own property, not the prototype.
        Object.defineProperty(map, key, {
          value: convert(pair.value),
          writable: true,
          enumerable: true,
          configurable: true,
        });
      }
      value = map;
    } else if (isSeq(node)) {
      value = node.items.map(convert);
    }
    if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor !== undefined) {
      anchored.set(node, value);
    }
    return value;
  };
  return convert(document.contents);
}
