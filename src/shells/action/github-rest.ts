// A minimal GitHub REST client for the tracking issue: JSON in and out, bounded in time and size,
// no redirects followed, failures returned as values. The token goes only into the header.
import { Agent, request } from "undici";
import { TOOL_NAME, TOOL_VERSION } from "../../version.js";

const TIMEOUT_MS = 30_000;
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export type RestResult =
  | { readonly ok: true; readonly status: number; readonly body: unknown }
  | {
      readonly ok: false;
      readonly message: string;
      /** The HTTP status when GitHub answered with an error. */
      readonly status?: number;
    };

export interface GitHubRest {
  call(method: "GET" | "POST" | "PATCH", path: string, body?: unknown): Promise<RestResult>;
  /** Closes the connections, which would otherwise keep the process alive for their idle time. */
  close(): Promise<void>;
}

export interface GitHubRestOptions {
  /** GITHUB_API_URL: `https://api.github.com`, or an Enterprise Server's `/api/v3`. */
  readonly apiUrl: string;
  readonly token: string;
}

async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(): void },
): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_RESPONSE_BYTES) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** GitHub's error message (`{"message": ...}`), cut short: it is printed in the log. */
function errorMessage(text: string): string {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    if (typeof message === "string") return message.slice(0, 300);
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return text.slice(0, 300);
}

export function createGitHubRest(options: GitHubRestOptions): GitHubRest {
  const base = options.apiUrl.replace(/\/+$/, "");
  const dispatcher = new Agent({
    connections: 2,
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
  });
  return {
    async call(method, path, body) {
      const where = `${method} ${path.split("?")[0]}`;
      try {
        const response = await request(`${base}${path}`, {
          method,
          headers: {
            accept: "application/vnd.github+json",
            authorization: `Bearer ${options.token}`,
            "user-agent": `${TOOL_NAME}/${TOOL_VERSION}`,
            "x-github-api-version": "2022-11-28",
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          dispatcher,
          signal: AbortSignal.timeout(TIMEOUT_MS * 2),
        });
        const text = await readCapped(response.body);
        if (text === undefined) {
          return {
            ok: false,
            message: `${where}: the response exceeded ${MAX_RESPONSE_BYTES} bytes`,
          };
        }
        if (response.statusCode < 200 || response.statusCode > 299) {
          return {
            ok: false,
            message: `${where}: HTTP ${response.statusCode}: ${errorMessage(text)}`,
            status: response.statusCode,
          };
        }
        return {
          ok: true,
          status: response.statusCode,
          body: text === "" ? undefined : JSON.parse(text),
        };
      } catch (error) {
        return { ok: false, message: `${where}: ${(error as Error).message}` };
      }
    },
    close: () => dispatcher.close(),
  };
}
