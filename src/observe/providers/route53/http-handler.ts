// How every AWS client of the observer reaches the network: bounded connection and request times,
// and host-name lookups with a deadline of their own (see net/bounded-lookup.ts), so that a network
// that drops packets costs a timeout, not a process stuck on the system resolver.
import type { ClientRequestArgs } from "node:http";
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { boundedLookup } from "../../../net/bounded-lookup.js";

const CONNECTION_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** The SDK's own default. */
const MAX_SOCKETS = 50;

type Connect = (
  options: ClientRequestArgs,
  callback?: (err: Error | null, stream: Duplex) => void,
) => Duplex | null | undefined;

/**
 * Gives each new connection `timeoutMs` to be established. The SDK's own connection timer is not
 * used: on an event loop kept busy (thousands of domains on two cores) a timer and a connection
 * that completed in time become due in the same turn, and timers run first, so a connection that
 * was made in time was reported as a timeout. Here an expired timer first lets the loop read what
 * is waiting (setImmediate runs after the poll phase that delivers "connect"), and only a
 * connection still pending then is destroyed.
 */
function withConnectDeadline(connect: Connect, timeoutMs: number): Connect {
  return (options, callback) => {
    const stream = connect(options, callback);
    if (stream instanceof Socket && stream.connecting) {
      const timer = setTimeout(() => {
        setImmediate(() => {
          if (stream.connecting) {
            stream.destroy(
              new Error(`no connection to ${options.host ?? "the server"} within ${timeoutMs} ms`),
            );
          }
        });
      }, timeoutMs);
      stream.once("connect", () => clearTimeout(timer));
      stream.once("close", () => clearTimeout(timer));
    }
    return stream;
  };
}

/** The `requestHandler` option of an SDK client; `connectionTimeoutMs` is set apart only by tests. */
export function awsRequestHandler(connectionTimeoutMs = CONNECTION_TIMEOUT_MS) {
  const lookup = boundedLookup({ timeoutMs: connectionTimeoutMs });
  const options = { keepAlive: true, maxSockets: MAX_SOCKETS, lookup };
  const httpAgent = new HttpAgent(options);
  const httpsAgent = new HttpsAgent(options);
  for (const agent of [httpAgent, httpsAgent]) {
    agent.createConnection = withConnectDeadline(
      agent.createConnection.bind(agent),
      connectionTimeoutMs,
    );
  }
  // The SDK's connectionTimeout is left unset (its timer is the one replaced above).
  return { requestTimeout: REQUEST_TIMEOUT_MS, httpAgent, httpsAgent };
}
