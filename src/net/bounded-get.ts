// One HTTP GET to a provider's API (GoDaddy, Namecheap) through undici, bounded the way every
// external answer must be: one time limit for the whole exchange, and a cap on the body's bytes,
// refused as soon as the declared length or the bytes read pass it, never buffered whole. Redirects
// are not followed (undici's request does not): a provider API that redirects is answering with
// something else. Never throws for a failure of the remote side: every outcome is a value, and the
// caller words it (without the credentials: some APIs take them in the query).
import { request } from "undici";

export interface BoundedGetOptions {
  readonly headers?: Readonly<Record<string, string>>;
  /** Connecting, headers and body together. */
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
}

export type BoundedGetOutcome =
  | {
      readonly kind: "response";
      readonly status: number;
      /** Lower-case names; a repeated header keeps its first value. */
      readonly headers: Readonly<Record<string, string>>;
      /** UTF-8 text of the body, whatever the status. */
      readonly body: string;
    }
  | { readonly kind: "failed"; readonly reason: string };

function firstValues(headers: Record<string, string | string[] | undefined>) {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name.toLowerCase()] = first;
  }
  return out;
}

/** The innermost cause's message: undici wraps socket errors. */
function causeOf(error: unknown): string {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const cause = (current as { cause?: unknown } | undefined)?.cause;
    if (cause === undefined || cause === null) break;
    current = cause;
  }
  const code = (current as NodeJS.ErrnoException | undefined)?.code;
  const message = current instanceof Error ? current.message : String(current);
  return code !== undefined && !message.includes(code) ? `${message} (${code})` : message;
}

export async function boundedGet(
  url: string,
  options: BoundedGetOptions,
): Promise<BoundedGetOutcome> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await request(url, {
      method: "GET",
      headers: { ...options.headers },
      signal,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
    const declared = Number(response.headers["content-length"] ?? "0");
    if (declared > options.maxBodyBytes) {
      response.body.destroy();
      return { kind: "failed", reason: `the answer is longer than ${options.maxBodyBytes} bytes` };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > options.maxBodyBytes) {
        response.body.destroy();
        return {
          kind: "failed",
          reason: `the answer is longer than ${options.maxBodyBytes} bytes`,
        };
      }
      chunks.push(chunk as Buffer);
    }
    return {
      kind: "response",
      status: response.statusCode,
      headers: firstValues(response.headers),
      body: Buffer.concat(chunks, size).toString("utf8"),
    };
  } catch (error) {
    if (signal.aborted) {
      return { kind: "failed", reason: `no complete answer within ${options.timeoutMs} ms` };
    }
    return { kind: "failed", reason: causeOf(error) };
  }
}
