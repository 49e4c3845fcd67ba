// How every AWS client of the observer reaches the network: bounded connection and request times,
// and host-name lookups with a deadline of their own (see net/bounded-lookup.ts), so that a network
// that drops packets costs a timeout, not a process stuck on the system resolver.
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { boundedLookup } from "../../../net/bounded-lookup.js";

const CONNECTION_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** The SDK's own default. */
const MAX_SOCKETS = 50;

/** The `requestHandler` option of an SDK client. */
export function awsRequestHandler() {
  const lookup = boundedLookup({ timeoutMs: CONNECTION_TIMEOUT_MS });
  const agent = { keepAlive: true, maxSockets: MAX_SOCKETS, lookup };
  return {
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    httpAgent: new HttpAgent(agent),
    httpsAgent: new HttpsAgent(agent),
  };
}
