// Text → YAML document → plain data, with every YAML-level problem as a diagnostic.
// Only the first syntax error of a file is reported: the ones after it are usually its echoes.
import { LineCounter, type Node, parseDocument, visit, type YAMLError } from "yaml";
import type { Diagnostic, DiagnosticCode } from "./diagnostics.js";
import { indexAliases } from "./yaml-aliases.js";
import { documentData } from "./yaml-data.js";
import { mapKeyString, YamlLocator } from "./yaml-locator.js";

/**
 * Nodes the aliases of one file may stand for, all together: sharing a name-server list among
 * thousands of domains fits; an alias bomb, which doubles with every level, does not.
 */
export const MAX_ALIAS_NODES = 100_000;

export interface ParsedYaml {
  readonly locator: YamlLocator;
  readonly data: unknown;
}

export interface YamlParseOutcome {
  /** Absent when the file has no usable data (syntax error, empty, ...). */
  readonly parsed: ParsedYaml | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function describeYamlError(error: YAMLError): { code: DiagnosticCode; message: string } {
  switch (error.code) {
    case "MULTIPLE_DOCS":
      return {
        code: "multiple-documents",
        message: "a policy file holds one YAML document; this one has several (`---`)",
      };
    case "RESOURCE_EXHAUSTION":
      return { code: "yaml-syntax", message: "invalid YAML: the data is nested too deeply" };
    case "TAG_RESOLVE_FAILED":
      return {
        code: "unsupported-yaml",
        message: `unsupported YAML tag \`${error.message.replace(/^Unresolved tag: /, "")}\`: policies use plain values, without tags`,
      };
    default:
      return { code: "yaml-syntax", message: `invalid YAML: ${lowerFirst(error.message)}` };
  }
}

export function parsePolicyYaml(path: string, text: string): YamlParseOutcome {
  const lineCounter = new LineCounter();
  const at = (offset: number, code: DiagnosticCode, message: string): YamlParseOutcome => {
    const { line, col } = lineCounter.linePos(offset);
    return {
      parsed: undefined,
      diagnostics: [{ file: path, line, column: col, severity: "error", code, message }],
    };
  };

  let document: ReturnType<typeof parseDocument>;
  try {
    document = parseDocument(text, {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: false, // reported below, with where the first one is
      // Collects warnings without printing them ("silent" would also drop the multiple-documents error).
      logLevel: "error",
    });
  } catch {
    return at(0, "yaml-syntax", "invalid YAML: the data is nested too deeply");
  }
  const [problem] = [...document.errors, ...document.warnings];
  if (problem !== undefined) {
    const { code, message } = describeYamlError(problem);
    return at(problem.pos[0], code, message);
  }
  if (document.contents === null) {
    return at(0, "empty-file", "the file is empty: a policy starts with `version: 1`");
  }
  // `%YAML 1.1` would switch schemas: `no` and `y` become booleans, `<<` merges, dates parse.
  if (document.directives?.yaml.explicit && document.directives.yaml.version !== "1.2") {
    return at(
      0,
      "unsupported-yaml",
      `\`%YAML ${document.directives.yaml.version}\` is not supported: policies are YAML 1.2 (remove the directive)`,
    );
  }

  const aliases = indexAliases(document.contents, MAX_ALIAS_NODES);
  const locator = new YamlLocator(path, document, lineCounter, aliases);
  const diagnostics: Diagnostic[] = [];
  const error = (node: Node, code: DiagnosticCode, message: string): void => {
    diagnostics.push({ ...locator.position(node), severity: "error", code, message });
  };
  let usable = true;
  visit(document, {
    Map(_, map) {
      const seen = new Map<string, Node>();
      for (const pair of map.items) {
        const key = mapKeyString(pair.key);
        if (key === undefined) {
          error(
            pair.key as Node,
            "unsupported-yaml",
            "a mapping key must be a plain name, not a collection",
          );
          usable = false;
          continue;
        }
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, pair.key as Node);
          continue;
        }
        const { line, column } = locator.position(first);
        error(
          pair.key as Node,
          "duplicate-key",
          `duplicate key \`${key}\`: it is already defined at line ${line}, column ${column}`,
        );
      }
    },
  });
  for (const alias of aliases.unresolved) {
    error(
      alias,
      "yaml-syntax",
      `invalid YAML: alias \`*${alias.source}\` has no anchor \`&${alias.source}\` before it`,
    );
    usable = false;
  }
  if (aliases.overBudget !== undefined) {
    const { alias, cycle } = aliases.overBudget;
    error(
      alias,
      "alias-limit",
      cycle
        ? `alias \`*${alias.source}\` is inside the node it refers to: it would expand without end`
        : `aliases stand for more than ${MAX_ALIAS_NODES} nodes in this file: expansion is capped to stop alias bombs`,
    );
    usable = false;
  }
  if (!usable) return { parsed: undefined, diagnostics };
  return { parsed: { locator, data: documentData(document, aliases) }, diagnostics };
}
