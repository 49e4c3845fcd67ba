import { escapedJson } from "../../text/sanitize.js";
import type { Report } from "../model/model.js";

const INDENT = "  ";

/**
 * The JSON report, `JSON.stringify(report, null, 2)` and a newline, in pieces: one per domain and
 * account and one per other top-level field. A scan of many domains is written as it is rendered,
 * never held as one string of tens of megabytes.
 */
export function* renderJsonChunks(report: Report): Generator<string> {
  // Fields JSON.stringify would leave out (undefined ones) are left out here too.
  const fields = Object.entries(report).filter(([, value]) => serialisable(value));
  if (fields.length === 0) {
    yield "{}\n";
    return;
  }
  yield "{";
  for (const [index, [key, value]] of fields.entries()) {
    yield `${index === 0 ? "" : ","}\n${INDENT}${escapedJson(JSON.stringify(key))}: `;
    if (Array.isArray(value) && value.length > 0) {
      yield "[";
      for (const [i, item] of value.entries()) {
        yield `${i === 0 ? "" : ","}\n${INDENT}${INDENT}${nested(serialisable(item) ? item : null, 2)}`;
      }
      yield `\n${INDENT}]`;
    } else {
      yield nested(value, 1);
    }
  }
  yield "\n}\n";
}

/** The JSON report: the model itself, as `src/schemas/report-v1.schema.json` describes it. */
export function renderJson(report: Report): string {
  return [...renderJsonChunks(report)].join("");
}

/**
 * A value as JSON.stringify(value, null, 2) writes it `depth` levels down, with bidi and other
 * invisible characters as `\u` escapes (the same data; `cat report.json` shows them harmlessly).
 */
function nested(value: unknown, depth: number): string {
  return escapedJson(JSON.stringify(value, null, 2)).replaceAll("\n", `\n${INDENT.repeat(depth)}`);
}

/** What JSON.stringify keeps as an object's property (the report holds plain data only). */
function serialisable(value: unknown): boolean {
  return value !== undefined && typeof value !== "function" && typeof value !== "symbol";
}
