// One tracking issue per repository for a scheduled scan: opened on drift, updated while drift
// persists (a closed one is reopened rather than duplicated), closed with a comment when the scan
// is clean. It is found by a hidden marker in its body, so people may retitle it freely; since
// anyone can open an issue with that marker, only one opened by the token's identity counts.
import type { GitHubRest } from "./github-rest.js";

const TRACKING_MARKER = "<!-- domain-drift:tracking-issue -->";
const TRACKING_TITLE = "domain-drift: registrar or DNS drift";

/** Issues are listed 100 a page, most recently updated first; older ones are not searched. */
const PER_PAGE = 100;
const MAX_PAGES = 10;

/** What the scan found: drift at or above fail-on, nothing, or no drift but checks that could not run. */
export type ScanState = "drift" | "clean" | "incomplete";

export type TrackingOutcome =
  | { readonly kind: "created"; readonly number: number }
  | { readonly kind: "updated"; readonly number: number; readonly reopened: boolean }
  | { readonly kind: "closed"; readonly number: number }
  | { readonly kind: "unchanged"; readonly reason: string }
  | { readonly kind: "failed"; readonly message: string };

interface IssueRef {
  readonly number: number;
  readonly open: boolean;
}

export interface TrackingRequest {
  /** `owner/name` (GITHUB_REPOSITORY). */
  readonly repository: string;
  readonly state: ScanState;
  /** The new body, without the marker (it is added here). */
  readonly body: string;
  /** Posted before closing, so the issue says why it was closed. */
  readonly closingComment: string;
}

interface ListedIssue extends IssueRef {
  readonly marked: boolean;
  readonly author: { readonly id: unknown; readonly type: unknown } | undefined;
}

function asIssue(value: unknown): ListedIssue | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const issue = value as Record<string, unknown>;
  // The issues endpoint lists pull requests too.
  if (typeof issue.number !== "number" || issue.pull_request !== undefined) return undefined;
  const user = issue.user;
  return {
    number: issue.number,
    open: issue.state === "open",
    marked: typeof issue.body === "string" && issue.body.includes(TRACKING_MARKER),
    author:
      typeof user === "object" && user !== null
        ? { id: (user as { id?: unknown }).id, type: (user as { type?: unknown }).type }
        : undefined,
  };
}

/** Who opens the tracking issue with this token: its user, or, for an installation token, a bot. */
type TokenAuthor = { readonly kind: "user"; readonly id: number } | { readonly kind: "bot" };

async function tokenAuthor(
  rest: GitHubRest,
): Promise<{ ok: true; author: TokenAuthor } | { ok: false; message: string }> {
  const user = await rest.call("GET", "/user");
  if (user.ok) {
    const id = (user.body as { id?: unknown } | undefined)?.id;
    return typeof id === "number"
      ? { ok: true, author: { kind: "user", id } }
      : { ok: false, message: "GET /user: the answer has no user id" };
  }
  // Installation tokens (GITHUB_TOKEN, a GitHub App's) may not ask; their issues are a bot's.
  if (user.status === 403) return { ok: true, author: { kind: "bot" } };
  return user;
}

function openedBy(author: TokenAuthor, issue: ListedIssue): boolean {
  return author.kind === "user" ? issue.author?.id === author.id : issue.author?.type === "Bot";
}

/** The marked issue: an open one if any, else the most recently updated closed one. */
async function findTrackingIssue(
  rest: GitHubRest,
  repository: string,
): Promise<{ ok: true; issue: IssueRef | undefined } | { ok: false; message: string }> {
  let closed: IssueRef | undefined;
  // Asked only once a marked issue turns up: most scans find none, or list nothing at all.
  let author: TokenAuthor | undefined;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const listed = await rest.call(
      "GET",
      `/repos/${repository}/issues?state=all&sort=updated&direction=desc&per_page=${PER_PAGE}&page=${page}`,
    );
    if (!listed.ok) return listed;
    if (!Array.isArray(listed.body)) {
      return { ok: false, message: "the issue list is not an array" };
    }
    for (const issue of listed.body.map(asIssue)) {
      if (!issue?.marked) continue;
      if (author === undefined) {
        const asked = await tokenAuthor(rest);
        if (!asked.ok) return asked;
        author = asked.author;
      }
      if (!openedBy(author, issue)) continue;
      if (issue.open) return { ok: true, issue };
      closed ??= issue;
    }
    if (listed.body.length < PER_PAGE) break;
  }
  return { ok: true, issue: closed };
}

export async function syncTrackingIssue(
  rest: GitHubRest,
  request: TrackingRequest,
): Promise<TrackingOutcome> {
  const { repository } = request;
  const found = await findTrackingIssue(rest, repository);
  if (!found.ok) return { kind: "failed", message: found.message };
  const issue = found.issue;
  const body = `${TRACKING_MARKER}\n${request.body}`;
  const failed = (result: { ok: false; message: string }): TrackingOutcome => ({
    kind: "failed",
    message: result.message,
  });

  switch (request.state) {
    case "drift": {
      if (issue === undefined) {
        const created = await rest.call("POST", `/repos/${repository}/issues`, {
          title: TRACKING_TITLE,
          body,
        });
        if (!created.ok) return failed(created);
        const number = asIssue(created.body)?.number;
        return number === undefined
          ? { kind: "failed", message: "the created issue has no number" }
          : { kind: "created", number };
      }
      const updated = await rest.call("PATCH", `/repos/${repository}/issues/${issue.number}`, {
        body,
        ...(issue.open ? {} : { state: "open" }),
      });
      return updated.ok
        ? { kind: "updated", number: issue.number, reopened: !issue.open }
        : failed(updated);
    }
    case "incomplete": {
      // Not clean: a check that did not run must not close the issue, nor open one.
      if (issue === undefined || !issue.open) {
        return { kind: "unchanged", reason: "no drift found, but some checks could not run" };
      }
      const updated = await rest.call("PATCH", `/repos/${repository}/issues/${issue.number}`, {
        body,
      });
      return updated.ok
        ? { kind: "updated", number: issue.number, reopened: false }
        : failed(updated);
    }
    case "clean": {
      if (issue === undefined || !issue.open) {
        return { kind: "unchanged", reason: "no drift, and no open tracking issue" };
      }
      const commented = await rest.call(
        "POST",
        `/repos/${repository}/issues/${issue.number}/comments`,
        { body: request.closingComment },
      );
      if (!commented.ok) return failed(commented);
      const closed = await rest.call("PATCH", `/repos/${repository}/issues/${issue.number}`, {
        state: "closed",
        state_reason: "completed",
      });
      return closed.ok ? { kind: "closed", number: issue.number } : failed(closed);
    }
  }
}
