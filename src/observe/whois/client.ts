// One WHOIS query (RFC 3912): connect to port 43, send the query and CRLF, read until the server
// closes. The server's answer is untrusted: the read is bounded in bytes and in time, and the
// address connected to passes the same address rule as every other observer's.
import { connect } from "node:net";
import { checkAddress } from "../../net/address-policy.js";
import type { HostResolver } from "./resolve-host.js";

export interface WhoisQuery {
  readonly host: string;
  readonly port: number;
  /** Without the CRLF. */
  readonly query: string;
  /** Resolving, connecting and reading together. */
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** Lifts the non-public address rule (a lab, or the explicit flag). */
  readonly allowNonPublic: boolean;
  readonly resolve: HostResolver;
  readonly signal: AbortSignal;
}

export type WhoisReply =
  | { readonly kind: "ok"; readonly text: string }
  | { readonly kind: "failed"; readonly reason: string; readonly retryable: boolean };

const failed = (reason: string, retryable: boolean): WhoisReply => ({
  kind: "failed",
  reason,
  retryable,
});

/** The first address of `host` the address rule allows, or why there is none. */
async function pickAddress(
  query: WhoisQuery,
): Promise<{ address: string } | { refused: WhoisReply }> {
  let addresses: readonly string[];
  try {
    addresses = await query.resolve(query.host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { refused: failed(`cannot resolve ${query.host} (${code})`, code === "EAI_AGAIN") };
  }
  let why = "no addresses";
  for (const address of addresses) {
    const verdict = checkAddress({ allowNonPublic: query.allowNonPublic }, address);
    if (verdict.allowed) return { address };
    why = verdict.reason;
  }
  return {
    refused: failed(`refusing ${query.host}: it has no address we may use (${why})`, false),
  };
}

function exchange(query: WhoisQuery, address: string, deadline: number): Promise<WhoisReply> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const where = `${query.host}:${query.port}`;
    const socket = connect({ host: address, port: query.port });
    const finish = (reply: WhoisReply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      query.signal.removeEventListener("abort", onAbort);
      socket.destroy();
      resolve(reply);
    };
    const onAbort = () => finish(failed("cancelled", false));
    const timer = setTimeout(
      () =>
        finish(failed(`no complete answer from WHOIS ${where} within ${query.timeoutMs} ms`, true)),
      Math.max(0, deadline - Date.now()),
    );
    query.signal.addEventListener("abort", onAbort, { once: true });
    socket.once("connect", () => socket.end(`${query.query}\r\n`));
    socket.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > query.maxBytes) {
        finish(
          failed(`the answer from WHOIS ${where} is larger than ${query.maxBytes} bytes`, false),
        );
        return;
      }
      chunks.push(chunk);
    });
    socket.once("end", () =>
      finish({ kind: "ok", text: new TextDecoder().decode(Buffer.concat(chunks, total)) }),
    );
    socket.once("error", (error: NodeJS.ErrnoException) =>
      finish(failed(`connection to WHOIS ${where} failed: ${error.code ?? error.message}`, true)),
    );
  });
}

/** Sends one query; never throws. */
export async function queryWhois(query: WhoisQuery): Promise<WhoisReply> {
  if (query.signal.aborted) return failed("cancelled", false);
  const deadline = Date.now() + query.timeoutMs;
  // The resolver cannot be cancelled; the deadline stops the wait for it.
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ refused: WhoisReply }>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          refused: failed(`cannot resolve ${query.host} within ${query.timeoutMs} ms`, true),
        }),
      query.timeoutMs,
    );
  });
  const picked = await Promise.race([pickAddress(query), late]);
  clearTimeout(timer);
  if ("refused" in picked) return picked.refused;
  return exchange(query, picked.address, deadline);
}
