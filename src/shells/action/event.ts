// The pull request the workflow runs for, from the event payload the runner writes to
// GITHUB_EVENT_PATH. Only what pull-request mode needs is read; anything missing is `undefined`.
import { readBoundedFile } from "../../files/read-bounded.js";

/** Webhook payloads are capped by GitHub at 25 MB. */
const MAX_EVENT_BYTES = 25 * 1024 * 1024;

export interface PullRequestEvent {
  /** The base branch's commit the pull request is compared with. */
  readonly baseSha: string | undefined;
  /** True when the head branch lives in another repository (no secrets, no AWS credentials). */
  readonly fromFork: boolean;
}

export type EventResult =
  | { readonly ok: true; readonly event: PullRequestEvent | undefined }
  | { readonly ok: false; readonly message: string };

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

// `head.repo.fork` alone misleads when the base repository is itself a fork; the names decide.
// A deleted fork leaves `head.repo` null.
function isFromFork(pr: unknown): boolean {
  const headRepo = field(pr, "head", "repo");
  if (headRepo === null) return true;
  const head = text(field(headRepo, "full_name"));
  const base = text(field(pr, "base", "repo", "full_name"));
  if (head !== undefined && base !== undefined) return head !== base;
  return field(headRepo, "fork") === true;
}

/** The payload's `pull_request`, or `undefined` when the event has none (or no path is given). */
export async function readPullRequestEvent(path: string | undefined): Promise<EventResult> {
  if (path === undefined || path === "") return { ok: true, event: undefined };
  const read = await readBoundedFile(path, MAX_EVENT_BYTES);
  if (!read.ok)
    return { ok: false, message: `${path}: cannot read the event payload: ${read.message}` };
  let payload: unknown;
  try {
    payload = JSON.parse(read.bytes.toString("utf8"));
  } catch (error) {
    return {
      ok: false,
      message: `${path}: cannot read the event payload: ${(error as Error).message}`,
    };
  }
  const pr = field(payload, "pull_request");
  if (typeof pr !== "object" || pr === null) return { ok: true, event: undefined };
  return {
    ok: true,
    event: {
      baseSha: text(field(pr, "base", "sha")),
      fromFork: isFromFork(pr),
    },
  };
}
