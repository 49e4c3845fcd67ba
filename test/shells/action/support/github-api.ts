// A loopback stand-in for the parts of the GitHub REST API the tracking issue uses: who the token
// is (`GET /user`, refused to installation tokens as GitHub refuses it), list issues (paginated,
// most recently updated first, pull requests included as GitHub does), create, update, comment.
// It records every call and can fail the next calls of a method.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const REPOSITORY = "octo-org/domains";

export interface RecordedCall {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly body: unknown;
  readonly authorization: string | undefined;
}

/** An issue's `user`, as GitHub gives it. */
export interface FakeUser {
  readonly login: string;
  readonly id: number;
  readonly type: "User" | "Bot";
}

/** Who issues made with GITHUB_TOKEN are opened by. */
export const ACTIONS_BOT: FakeUser = { login: "github-actions[bot]", id: 41898282, type: "Bot" };

export interface FakeIssue {
  readonly number: number;
  /** Default: whoever the token is (so seeded issues are the Action's own). */
  readonly author: FakeUser;
  title: string;
  body: string;
  state: "open" | "closed";
  stateReason: string | null;
  updatedAt: number;
  readonly isPullRequest: boolean;
  readonly comments: string[];
}

export interface FakeGitHub {
  readonly url: string;
  readonly calls: RecordedCall[];
  readonly issues: FakeIssue[];
  /** Adds an issue (or pull request) updated "now". */
  seed(issue: Partial<FakeIssue> & { title: string; body: string }): FakeIssue;
  /** Marks an issue as updated now, as any activity on GitHub does. */
  touch(issue: FakeIssue): void;
  /** The next `count` calls with this method (to this path, when given) answer `status`. */
  fail(method: string, status: number, count?: number, path?: string): void;
  close(): Promise<void>;
}

/** The issues collection path of the fake repository. */
export const ISSUES = `/repos/${REPOSITORY}/issues`;

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      resolve(text === "" ? undefined : JSON.parse(text));
    });
    req.on("error", reject);
  });
}

function render(issue: FakeIssue) {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    state_reason: issue.stateReason,
    updated_at: new Date(Date.UTC(2026, 0, 1) + issue.updatedAt * 1000).toISOString(),
    user: issue.author,
    ...(issue.isPullRequest ? { pull_request: { url: "https://api.github.example/pulls/1" } } : {}),
  };
}

/**
 * `identity` is the user a personal access token belongs to; without it the token is an
 * installation token (GITHUB_TOKEN): `GET /user` answers 403 and issues are opened by the bot.
 */
export async function startFakeGitHub(token: string, identity?: FakeUser): Promise<FakeGitHub> {
  const calls: RecordedCall[] = [];
  const issues: FakeIssue[] = [];
  const failures: { method: string; status: number; remaining: number; path?: string }[] = [];
  let clock = 0;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const method = req.method ?? "GET";
    calls.push({ method, url: req.url ?? "", body, authorization: req.headers.authorization });
    if (req.headers.authorization !== `Bearer ${token}`)
      return send(res, 401, { message: "Bad credentials" });
    const url = new URL(req.url ?? "/", "http://fake");
    const failure = failures.find(
      (f) =>
        f.method === method && f.remaining > 0 && (f.path === undefined || f.path === url.pathname),
    );
    if (failure) {
      failure.remaining -= 1;
      return send(res, failure.status, { message: "Server Error" });
    }
    if (method === "GET" && url.pathname === "/user") {
      return identity === undefined
        ? send(res, 403, { message: "Resource not accessible by integration" })
        : send(res, 200, identity);
    }
    const match = new RegExp(`^${ISSUES}(?:/(\\d+)(/comments)?)?$`).exec(url.pathname);
    if (!match) return send(res, 404, { message: "Not Found" });
    const issue =
      match[1] === undefined ? undefined : issues.find((i) => i.number === Number(match[1]));
    const update = (body ?? {}) as {
      title?: string;
      body?: string;
      state?: "open" | "closed";
      state_reason?: string;
    };

    if (method === "GET" && match[1] === undefined) {
      const perPage = Number(url.searchParams.get("per_page") ?? 30);
      const page = Number(url.searchParams.get("page") ?? 1);
      const state = url.searchParams.get("state") ?? "open";
      const listed = issues
        .filter((i) => state === "all" || i.state === state)
        .sort((a, b) => b.updatedAt - a.updatedAt)
        .slice((page - 1) * perPage, page * perPage);
      return send(res, 200, listed.map(render));
    }
    if (method === "POST" && match[1] === undefined) {
      const created = seed({ title: update.title ?? "", body: update.body ?? "" });
      return send(res, 201, render(created));
    }
    if (issue === undefined) return send(res, 404, { message: "Not Found" });
    if (method === "POST" && match[2] !== undefined) {
      issue.comments.push(String((body as { body?: unknown }).body));
      issue.updatedAt = ++clock;
      return send(res, 201, { id: issue.comments.length, body: (body as { body?: unknown }).body });
    }
    if (method === "PATCH" && match[2] === undefined) {
      if (update.title !== undefined) issue.title = update.title;
      if (update.body !== undefined) issue.body = update.body;
      if (update.state !== undefined) issue.state = update.state;
      if (update.state_reason !== undefined) issue.stateReason = update.state_reason;
      issue.updatedAt = ++clock;
      return send(res, 200, render(issue));
    }
    return send(res, 404, { message: "Not Found" });
  };

  function seed(issue: Partial<FakeIssue> & { title: string; body: string }): FakeIssue {
    const created: FakeIssue = {
      number: issues.length + 1,
      author: identity ?? ACTIONS_BOT,
      state: "open",
      stateReason: null,
      isPullRequest: false,
      comments: [],
      ...issue,
      updatedAt: ++clock,
    };
    issues.push(created);
    return created;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => send(res, 500, { message: error.message }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    issues,
    seed,
    touch(issue) {
      issue.updatedAt = ++clock;
    },
    fail(method, status, count = Number.POSITIVE_INFINITY, path = undefined) {
      failures.push({ method, status, remaining: count, ...(path === undefined ? {} : { path }) });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The calls that change something (everything but listing). */
export function writes(
  calls: readonly RecordedCall[],
): { method: string; url: string; body: unknown }[] {
  return calls
    .filter((call) => call.method !== "GET")
    .map(({ method, url, body }) => ({ method, url, body }));
}
