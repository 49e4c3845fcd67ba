// Validates parsed data against the policy JSON Schema (ajv, draft 2020-12) and turns ajv's errors
// into plain-language diagnostics at the YAML node each one is about.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import policySchema from "../schemas/policy-v1.schema.json" with { type: "json" };
import { describeContainer, describeSubject } from "./data-path.js";
import type { Diagnostic, DiagnosticCode } from "./diagnostics.js";
import { closestMatch, didYouMean } from "./did-you-mean.js";
import type { ParsedYaml } from "./parse-yaml.js";
import type { SourcePosition } from "./types.js";
import type { DataPath } from "./yaml-locator.js";

export const SUPPORTED_POLICY_VERSION = 1;

// ajv-formats is CommonJS; its default export arrives as the module object under NodeNext typing.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

let compiled: ValidateFunction | undefined;

/** The compiled policy schema (compiled once). */
export function policySchemaValidator(): ValidateFunction {
  if (compiled === undefined) {
    const ajv = new Ajv2020({
      allErrors: true,
      strict: true,
      // `anyOf: [{ required: [a] }, { required: [b] }]` names keys the enclosing schema declares.
      strictRequired: false,
      allowUnionTypes: true,
      verbose: true, // gives each error its schema, for plain-language messages
    });
    addFormats(ajv, ["date"]);
    // The message editors (VS Code, yaml-language-server) show for a failed pattern; we show it too.
    ajv.addKeyword({ keyword: "patternErrorMessage", schemaType: "string" });
    compiled = ajv.compile(policySchema);
  }
  return compiled;
}

function pathOf(pointer: string): DataPath {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}

function describeType(value: unknown): string {
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return Number.isInteger(value) ? "an integer" : "a number";
    case "boolean":
      return "true or false";
    case "object":
      return "a mapping";
    default:
      return typeof value;
  }
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  object: "a mapping",
  array: "a list",
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
  null: "empty",
};

function describeValue(value: unknown): string {
  if (typeof value === "string") {
    return `\`${value.length > 60 ? `${value.slice(0, 57)}...` : value}\``;
  }
  if (typeof value === "number" || typeof value === "boolean") return `\`${value}\``;
  return describeType(value);
}

function listAlternatives(values: readonly unknown[], conjunction: string): string {
  const shown = values.map((value) => `\`${String(value)}\``);
  return shown.length <= 1
    ? (shown[0] ?? "")
    : `${shown.slice(0, -1).join(", ")} ${conjunction} ${shown[shown.length - 1]}`;
}

interface Translated {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly at: "key" | "value";
  readonly path: DataPath;
}

function schemaOf(error: ErrorObject): Record<string, unknown> {
  return (error.parentSchema ?? {}) as Record<string, unknown>;
}

function translate(error: ErrorObject): Translated {
  const path = pathOf(error.instancePath);
  const subject = describeSubject(path);
  const schema = schemaOf(error);
  const params = error.params as Record<string, unknown>;
  const got = describeValue(error.data);
  const invalid = (message: string): Translated => ({
    code: "invalid-value",
    message,
    at: "value",
    path,
  });

  if (error.propertyName !== undefined) {
    // A key that breaks `propertyNames`: the key itself is the problem.
    const expected = schema.patternErrorMessage ?? "a different name";
    return {
      code: "invalid-value",
      message: `invalid name \`${error.propertyName}\` ${describeContainer(path)}: it must be ${expected}`,
      at: "key",
      path: [...path, error.propertyName],
    };
  }
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const known = Object.keys((schema.properties ?? {}) as object);
      return {
        code: "unknown-key",
        message: `unknown key \`${key}\` ${describeContainer(path)}${didYouMean(key, known)}`,
        at: "key",
        path: [...path, key],
      };
    }
    case "required":
      return {
        code: "missing-key",
        message: `${subject} is missing \`${String(params.missingProperty)}\``,
        at: "key",
        path,
      };
    case "dependentRequired":
      return {
        code: "missing-key",
        message: `${subject} has \`${String(params.property)}\` but no \`${String(params.missingProperty)}\`, which it needs`,
        at: "key",
        path,
      };
    case "anyOf": {
      const branches = (schema.anyOf ?? []) as { required?: string[] }[];
      const keys = branches.flatMap((branch) => branch.required ?? []);
      const message =
        keys.length === branches.length
          ? `${subject} needs ${listAlternatives(keys, "or")}`
          : `${subject} does not have any of the accepted forms`;
      return { code: "missing-key", message, at: "key", path };
    }
    case "type": {
      const types = ([] as string[]).concat(params.type as string | string[]);
      const expected = types.map((type) => TYPE_NAMES[type] ?? type).join(" or ");
      return {
        code: "wrong-type",
        message: `${subject} must be ${expected} (got ${describeType(error.data)})`,
        at: "value",
        path,
      };
    }
    case "enum": {
      const allowed = (params.allowedValues ?? []) as unknown[];
      if (allowed.length <= 6) {
        return invalid(`${subject} must be ${listAlternatives(allowed, "or")} (got ${got})`);
      }
      const hint =
        typeof error.data === "string" ? didYouMean(error.data, allowed.map(String)) : "";
      return invalid(`unknown value ${got} for ${subject}${hint}`);
    }
    case "const":
      return invalid(`${subject} must be \`${String(params.allowedValue)}\` (got ${got})`);
    case "pattern":
    case "format": {
      const expected = schema.patternErrorMessage;
      return invalid(
        expected === undefined
          ? `${subject} does not have the expected form (got ${got})`
          : `${subject} must be ${String(expected)} (got ${got})`,
      );
    }
    case "minimum":
    case "maximum": {
      const { minimum, maximum } = schema;
      const range =
        minimum !== undefined && maximum !== undefined
          ? `between ${minimum} and ${maximum}`
          : minimum !== undefined
            ? `at least ${minimum}`
            : `at most ${maximum}`;
      return invalid(`${subject} must be ${range} (got ${got})`);
    }
    case "minItems":
    case "minLength":
      return invalid(
        params.limit === 1
          ? `${subject} must not be empty`
          : `${subject} must have at least ${String(params.limit)} ${error.keyword === "minItems" ? "entries" : "characters"}`,
      );
    case "maxItems":
    case "maxLength":
      return invalid(
        `${subject} must have at most ${String(params.limit)} ${error.keyword === "maxItems" ? "entries" : "characters"}`,
      );
    default:
      return invalid(`${subject} ${error.message ?? "is not valid"}`);
  }
}

/**
 * One diagnostic per problem: drops the errors that another error already explains — an `anyOf`'s
 * branch errors, the outer `propertyNames` error, an `if`'s summary of its branch's errors, and a missing key that sits beside a misspelling
 * of it (`minDay` for `minDays`).
 */
function withoutEchoes(errors: readonly ErrorObject[]): ErrorObject[] {
  const anyOfPaths = errors
    .filter((error) => error.keyword === "anyOf")
    .map((error) => `${error.schemaPath}/`);
  const misspelt = new Set(
    errors
      .filter((error) => error.keyword === "additionalProperties")
      .map((error) => {
        const key = String((error.params as { additionalProperty: unknown }).additionalProperty);
        const known = Object.keys((schemaOf(error).properties ?? {}) as object);
        return `${error.instancePath}/${closestMatch(key, known) ?? ""}`;
      }),
  );
  return errors.filter(
    (error) =>
      error.keyword !== "propertyNames" &&
      // An account's `if`/`then`/`else` picks the provider's keys; the branch's errors say what is wrong.
      error.keyword !== "if" &&
      !anyOfPaths.some((prefix) => error.schemaPath.startsWith(prefix)) &&
      !(
        error.keyword === "required" &&
        misspelt.has(
          `${error.instancePath}/${String((error.params as { missingProperty: unknown }).missingProperty)}`,
        )
      ),
  );
}

function versionProblem(parsed: ParsedYaml): Diagnostic | undefined {
  const { locator, data } = parsed;
  const diagnostic = (
    position: SourcePosition,
    code: DiagnosticCode,
    message: string,
  ): Diagnostic => ({ ...position, severity: "error", code, message });
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return diagnostic(
      locator.valuePosition([]),
      "wrong-type",
      `a policy file must be a mapping that starts with \`version: ${SUPPORTED_POLICY_VERSION}\` (got ${describeType(data)})`,
    );
  }
  if (!Object.hasOwn(data, "version")) {
    return diagnostic(
      locator.valuePosition([]),
      "missing-version",
      `missing \`version: ${SUPPORTED_POLICY_VERSION}\` at the top level`,
    );
  }
  const version = (data as { version: unknown }).version;
  if (version === SUPPORTED_POLICY_VERSION) return undefined;
  if (typeof version === "string" && Number(version) === SUPPORTED_POLICY_VERSION) {
    return diagnostic(
      locator.valuePosition(["version"]),
      "unsupported-version",
      `\`version\` must be the number ${SUPPORTED_POLICY_VERSION}, not a string: write \`version: ${SUPPORTED_POLICY_VERSION}\``,
    );
  }
  return diagnostic(
    locator.valuePosition(["version"]),
    "unsupported-version",
    `unsupported policy version ${describeValue(version)}: this domain-drift reads \`version: ${SUPPORTED_POLICY_VERSION}\``,
  );
}

/**
 * Schema diagnostics for one parsed file. A missing or unsupported `version` is the only one
 * reported then: the rest of such a file is written in a language this version does not know.
 */
export function checkPolicySchema(parsed: ParsedYaml): Diagnostic[] {
  const version = versionProblem(parsed);
  if (version !== undefined) return [version];
  const validate = policySchemaValidator();
  if (validate(parsed.data)) return [];
  const diagnostics = new Map<string, Diagnostic>();
  for (const error of withoutEchoes(validate.errors ?? [])) {
    const { code, message, at, path } = translate(error);
    const position =
      at === "key" ? parsed.locator.keyPosition(path) : parsed.locator.valuePosition(path);
    // A value can fail two keywords with one explanation (a date's pattern and format).
    const identity = `${position.line}:${position.column}:${message}`;
    if (!diagnostics.has(identity)) {
      diagnostics.set(identity, { ...position, severity: "error", code, message });
    }
  }
  return [...diagnostics.values()];
}
