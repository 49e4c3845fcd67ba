// The Action's inputs (action.yml), read and checked once. A bad value is a usage error with a
// message naming the input, never a silent default.
import path from "node:path";
import {
  type CheckSettings,
  checkSettings,
  concurrencySettings,
  DEFAULT_CACHE_MAX_AGE_HOURS,
  DEFAULT_CONCURRENCY,
  DEFAULT_DNS_PORT,
  DEFAULT_TIMEOUT_MS,
} from "../../check/settings.js";
import { SEVERITIES, type Severity } from "../../report/model/model.js";

const ACTION_MODES = ["auto", "pull-request", "scan"] as const;
export type ActionModeInput = (typeof ACTION_MODES)[number];
export type ActionMode = Exclude<ActionModeInput, "auto">;

/** The report formats the Action writes to files. */
const REPORT_FILE_FORMATS = ["json", "sarif", "markdown", "html"] as const;
/** What a run writes unless told otherwise: data, code scanning, and the page people read. */
export const DEFAULT_REPORT_FILE_FORMATS = "json,sarif,html";
export type ReportFileFormat = (typeof REPORT_FILE_FORMATS)[number];

/** Every input action.yml declares; the parser reads no other. */
export const INPUT_NAMES = [
  "policies",
  "mode",
  "fail-on",
  "fail-on-unknown",
  "formats",
  "report-dir",
  "inventory",
  "cache-dir",
  "cache-max-age",
  "refresh",
  "root-hints",
  "rdap-bootstrap",
  "registries",
  "baseline",
  "tracking-issue",
  "github-token",
  "aws",
  "concurrency",
  "timeout",
  "dns-port",
] as const;
export type InputName = (typeof INPUT_NAMES)[number];

export interface ActionInputs {
  /** Policy files or directories, relative to the workspace. */
  readonly policies: readonly string[];
  readonly mode: ActionModeInput;
  readonly failOn: Severity;
  /** Whether exit code 3 (some checks could not run, no drift) fails the step. */
  readonly failOnUnknown: boolean;
  readonly formats: readonly ReportFileFormat[];
  readonly reportDir: string;
  readonly inventory: boolean;
  readonly cacheDir: string | undefined;
  /** Hours an RDAP registration or Route 53 Domains detail cached by an earlier run may be used; 0: not at all. */
  readonly cacheMaxAgeHours: number;
  /** Ask every registry and registrar API again, whatever the cache holds. */
  readonly refresh: boolean;
  readonly rootHints: string | undefined;
  readonly rdapBootstrap: string | undefined;
  /** A registry capability table (registries.json format) replacing the shipped one: a lab file. */
  readonly registries: string | undefined;
  readonly baseline: string | undefined;
  readonly trackingIssue: boolean;
  readonly githubToken: string | undefined;
  readonly aws: boolean;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly dnsPort: number;
}

export type InputsResult =
  | { readonly ok: true; readonly inputs: ActionInputs }
  | { readonly ok: false; readonly message: string };

/** Reads one input by its action.yml name; "" when unset (as `@actions/core.getInput` does). */
export type InputReader = (name: InputName) => string;

/** Parses inputs, collecting every problem so that one run reports all bad inputs at once. */
class InputParser {
  readonly problems: string[] = [];
  readonly #read: InputReader;

  constructor(read: InputReader) {
    this.#read = read;
  }

  text(name: InputName, fallback: string): string {
    return this.#read(name).trim() || fallback;
  }

  optional(name: InputName): string | undefined {
    return this.#read(name).trim() || undefined;
  }

  /** A list written one per line or comma-separated. */
  list(name: InputName, fallback: string): string[] {
    return this.text(name, fallback)
      .split(/[\n,]/)
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
  }

  oneOf<T extends string>(name: InputName, value: string, allowed: readonly T[]): T {
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`input ${name}: "${value}" is not one of ${allowed.join(", ")}`);
    return allowed[0] as T;
  }

  // The YAML 1.2 core schema's booleans, as @actions/core accepts them.
  boolean(name: InputName, fallback: boolean): boolean {
    const value = this.text(name, String(fallback));
    if (["true", "True", "TRUE"].includes(value)) return true;
    if (["false", "False", "FALSE"].includes(value)) return false;
    this.problems.push(`input ${name}: "${value}" is not true or false`);
    return fallback;
  }

  integer(name: InputName, fallback: number, min: number, max: number): number {
    const value = this.text(name, String(fallback));
    const n = Number(value);
    if (/^\d+$/.test(value) && n >= min && n <= max) return n;
    this.problems.push(`input ${name}: "${value}" is not an integer from ${min} to ${max}`);
    return fallback;
  }
}

export function readInputs(read: InputReader): InputsResult {
  const p = new InputParser(read);
  const policies = p.list("policies", "policies");
  const formats = p
    .list("formats", DEFAULT_REPORT_FILE_FORMATS)
    .map((f) => p.oneOf("formats", f, REPORT_FILE_FORMATS));
  const inputs: ActionInputs = {
    policies: policies.length > 0 ? policies : ["policies"],
    mode: p.oneOf("mode", p.text("mode", "auto"), ACTION_MODES),
    failOn: p.oneOf("fail-on", p.text("fail-on", "high"), SEVERITIES),
    failOnUnknown: p.boolean("fail-on-unknown", true),
    formats: [...new Set(formats)],
    reportDir: p.text("report-dir", "domain-drift-reports"),
    inventory: p.boolean("inventory", false),
    cacheDir: p.optional("cache-dir"),
    cacheMaxAgeHours: p.integer("cache-max-age", DEFAULT_CACHE_MAX_AGE_HOURS, 0, 720),
    refresh: p.boolean("refresh", false),
    rootHints: p.optional("root-hints"),
    rdapBootstrap: p.optional("rdap-bootstrap"),
    registries: p.optional("registries"),
    baseline: p.optional("baseline"),
    trackingIssue: p.boolean("tracking-issue", false),
    githubToken: p.optional("github-token"),
    aws: p.boolean("aws", true),
    concurrency: p.integer("concurrency", DEFAULT_CONCURRENCY, 1, 4096),
    timeoutMs: p.integer("timeout", DEFAULT_TIMEOUT_MS, 50, 60_000),
    dnsPort: p.integer("dns-port", DEFAULT_DNS_PORT, 1, 65_535),
  };
  return p.problems.length === 0
    ? { ok: true, inputs }
    : { ok: false, message: p.problems.join("; ") };
}

/**
 * Events whose checkout (and policy files) a pull request's author controls: a review and a review
 * comment run on the pull request's merge ref like the pull request itself, and carry its
 * `pull_request` payload.
 */
const PULL_REQUEST_EVENTS: ReadonlySet<string> = new Set([
  "pull_request",
  "pull_request_target",
  "pull_request_review",
  "pull_request_review_comment",
]);

export type ModeResult =
  | { readonly ok: true; readonly mode: ActionMode }
  | { readonly ok: false; readonly message: string };

/**
 * `auto` follows the triggering event: pull-request mode for pull requests, scan otherwise. An
 * explicit `scan` on a pull-request event is refused rather than run with the pull-request
 * protections forced on: scan mode trusts the workspace (a cache, lab files and a baseline inside
 * it; the tracking issue written with the token), and the workspace is the pull request's. Running
 * something other than the mode the workflow names would hide the mistake; refusing shows it.
 */
export function resolveMode(mode: ActionModeInput, eventName: string | undefined): ModeResult {
  const pullRequest = eventName !== undefined && PULL_REQUEST_EVENTS.has(eventName);
  if (mode === "scan" && pullRequest) {
    return {
      ok: false,
      message: `input mode: "scan" is refused on a ${eventName} event: the checkout holds the pull request's files, which scan mode trusts. Use mode: auto (or pull-request) for pull requests, and run scans on schedule, workflow_dispatch or push`,
    };
  }
  if (mode !== "auto") return { ok: true, mode };
  return { ok: true, mode: pullRequest ? "pull-request" : "scan" };
}

/**
 * The check session's settings from the inputs: lab files are relative to the workspace, and what
 * no input sets keeps its default (IPv6 on `auto`: GitHub-hosted runners have no IPv6 route, so
 * IPv6 addresses are reported as not probed).
 */
export function checkSettingsOf(
  inputs: ActionInputs,
  workspace: string,
  cacheDir: string,
): CheckSettings {
  const inWorkspace = (file: string | undefined) =>
    file === undefined ? undefined : path.resolve(workspace, file);
  return checkSettings({
    cacheDir,
    rootHintsFile: inWorkspace(inputs.rootHints),
    rdapBootstrapFile: inWorkspace(inputs.rdapBootstrap),
    registryTableFile: inWorkspace(inputs.registries),
    dnsPort: inputs.dnsPort,
    timeoutMs: inputs.timeoutMs,
    ...concurrencySettings(inputs.concurrency),
    aws: inputs.aws,
    cacheMaxAgeHours: inputs.cacheMaxAgeHours,
    refresh: inputs.refresh,
  });
}
