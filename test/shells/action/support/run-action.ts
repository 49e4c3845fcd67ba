// Runs the bundled Action (dist/index.js) as the GitHub runner does: a node process with INPUT_*
// variables, files behind GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, the event payload at
// GITHUB_EVENT_PATH, and an environment built from scratch (no AWS or GitHub variables leak in).
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CliRun, runNodeEntry } from "../../../support/cli.js";
import { repoPath } from "../../../support/repo.js";

export const ACTION_ENTRY = repoPath("dist", "index.js");

export interface ActionInvocation {
  readonly workspace: string;
  /** By action.yml name: `fail-on`, `root-hints`, ... */
  readonly inputs: Readonly<Record<string, string>>;
  readonly eventName: string;
  readonly payload?: unknown;
  /** Extra environment: the scenario's AWS variables, GITHUB_API_URL, ... */
  readonly env?: Readonly<Record<string, string>>;
  /** The step's process is killed after this long (default 90 s). */
  readonly timeoutMs?: number;
}

export interface ParsedAnnotation {
  readonly level: "error" | "warning" | "notice";
  readonly properties: Readonly<Record<string, string>>;
  readonly message: string;
}

/** The step's process, as the CLI's (`exitCode`, `stdout`, `stderr`), and what it left the runner. */
export interface ActionRun extends CliRun {
  readonly outputs: Readonly<Record<string, string>>;
  readonly summary: string;
  readonly annotations: readonly ParsedAnnotation[];
}

/** The runner's `INPUT_<NAME>` variable: upper case, spaces as `_`, dashes kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}

/**
 * The GITHUB_OUTPUT file: `name=value` lines, or `name<<DELIMITER` heredocs whose value runs up
 * to a line holding only the delimiter.
 */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] as string);
      if (i >= lines.length) throw new Error(`output ${name}: no closing delimiter ${delimiter}`);
      outputs[name] = value.join("\n");
    } else if (line.includes("=")) {
      const at = line.indexOf("=");
      outputs[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return outputs;
}

const unescapeData = (text: string) =>
  text.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
const unescapeProperty = (text: string) =>
  unescapeData(text.replace(/%3A/g, ":").replace(/%2C/g, ","));

/** `::error file=...,line=...::message` lines, skipping text printed under `::stop-commands::`. */
export function parseAnnotations(stdout: string): ParsedAnnotation[] {
  const annotations: ParsedAnnotation[] = [];
  let resumeToken: string | undefined;
  for (const line of stdout.split(/\r?\n/)) {
    if (resumeToken !== undefined) {
      if (line === `::${resumeToken}::`) resumeToken = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) {
      resumeToken = stop[1];
      continue;
    }
    const command = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!command) continue;
    const properties: Record<string, string> = {};
    for (const pair of (command[2] ?? "").split(",").filter(Boolean)) {
      const at = pair.indexOf("=");
      properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1));
    }
    annotations.push({
      level: command[1] as ParsedAnnotation["level"],
      properties,
      message: unescapeData(command[3] ?? ""),
    });
  }
  return annotations;
}

export async function runAction(invocation: ActionInvocation): Promise<ActionRun> {
  const runnerDir = await mkdtemp(join(tmpdir(), "dd-runner-"));
  const outputFile = join(runnerDir, "output");
  const summaryFile = join(runnerDir, "summary.md");
  const eventFile = join(runnerDir, "event.json");
  await writeFile(outputFile, "");
  await writeFile(summaryFile, "");
  await writeFile(eventFile, JSON.stringify(invocation.payload ?? {}));

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: runnerDir,
    RUNNER_TEMP: runnerDir,
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: invocation.workspace,
    GITHUB_EVENT_NAME: invocation.eventName,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: "octo-org/domains",
    GITHUB_SERVER_URL: "https://github.example",
    GITHUB_RUN_ID: "4242",
    GIT_CONFIG_NOSYSTEM: "1",
    // The default credential chain must never reach for instance metadata.
    AWS_EC2_METADATA_DISABLED: "true",
    ...invocation.env,
  };
  for (const [name, value] of Object.entries(invocation.inputs)) env[inputVariable(name)] = value;

  const run = await runNodeEntry(ACTION_ENTRY, [], {
    cwd: invocation.workspace,
    env,
    timeoutMs: invocation.timeoutMs ?? 90_000,
  });
  const outputs = parseOutputFile(await readFile(outputFile, "utf8"));
  const summary = await readFile(summaryFile, "utf8");
  await rm(runnerDir, { recursive: true, force: true });
  return { ...run, outputs, summary, annotations: parseAnnotations(run.stdout) };
}
