// Validates JSON reports read back from disk (baselines, shard reports for `merge`) against the
// shipped schema, so a truncated or foreign file is refused with a clear message.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import reportSchema from "../../schemas/report-v1.schema.json" with { type: "json" };
import { REPORT_SCHEMA_VERSION, type Report } from "./model.js";

// ajv-formats is CommonJS; its default export arrives as the module object under NodeNext typing.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled === undefined) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv, ["date", "date-time"]);
    compiled = ajv.compile(reportSchema);
  }
  return compiled;
}

export type ReportCheck = { ok: true; report: Report } | { ok: false; message: string };

/** Checks a parsed JSON value is a report of this schema's major version. */
export function checkReport(value: unknown, source: string): ReportCheck {
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  const major = REPORT_SCHEMA_VERSION.split(".")[0];
  if (typeof version === "string" && version.split(".")[0] !== major) {
    return {
      ok: false,
      message: `${source}: report schema version ${version} is not supported (this is domain-drift with schema ${REPORT_SCHEMA_VERSION})`,
    };
  }
  const validate = validator();
  if (validate(value)) return { ok: true, report: value as unknown as Report };
  const errors = (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
  return { ok: false, message: `${source}: not a domain-drift report: ${errors.join("; ")}` };
}
