// The AWS clients' connection deadline (src/observe/providers/route53/http-handler.ts), through the
// agents it gives the SDK, over loopback. A scan of thousands of domains on two cores keeps the
// event loop busy: a connection made in time must not be taken for a timeout because the loop read
// the expired timer before the completed connection (the 10,000-domain benchmark lost 323 domains
// to that before).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer, get, type IncomingMessage } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsRequestHandler } from "../../../../src/observe/providers/route53/http-handler.js";

const DEADLINE_MS = 100;
const server = createServer((_request, response) => response.end("ok"));
let url = "";
/** Listens on loopback with no backlog, prints its port, and never accepts. */
const NEVER_ACCEPTS = [
  "import socket, sys, time",
  "s = socket.socket()",
  "s.bind(('127.0.0.1', 0))",
  "s.listen(0)",
  "print(s.getsockname()[1], flush=True)",
  "time.sleep(60)",
].join("\n");

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Keeps this thread busy, as a loaded scan does, so that timers and I/O fall due together. */
function busy(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // spin
  }
}

function body(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    response.on("data", (chunk) => {
      text += chunk;
    });
    response.on("end", () => resolve(text));
    response.on("error", reject);
  });
}

describe("the AWS clients' connection deadline", () => {
  it("leaves the SDK's own connection timer unset (ours replaces it)", () => {
    const handler = awsRequestHandler(DEADLINE_MS) as Record<string, unknown>;
    expect(handler.connectionTimeout).toBeUndefined();
    expect(handler.requestTimeout).toBe(30_000);
  });

  it("keeps a connection made while the event loop was busy past the deadline", async () => {
    const { httpAgent } = awsRequestHandler(DEADLINE_MS);
    const answered = new Promise<IncomingMessage>((resolve, reject) => {
      get(url, { agent: httpAgent }, resolve).on("error", reject);
    });
    // The connection is made during this, and the deadline passes: both are due when it ends.
    busy(DEADLINE_MS * 4);
    const response = await answered;
    expect(response.statusCode).toBe(200);
    expect(await body(response)).toBe("ok");
    httpAgent.destroy();
  });

  it("destroys a connection still pending at the deadline, saying so", async () => {
    // A listener that never accepts, its queue full: the kernel drops the next SYN, so our
    // connection stays pending, as one to a host that drops packets does.
    const listener = spawn("python3", ["-c", NEVER_ACCEPTS], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const [line] = (await once(listener.stdout, "data")) as [Buffer];
      const port = Number(line.toString().trim());
      // With a backlog of none, one connection waiting to be accepted fills the queue.
      const filler = connect(port, "127.0.0.1");
      await once(filler, "connect");
      const { httpAgent } = awsRequestHandler(DEADLINE_MS);
      const error = await new Promise<Error>((resolve, reject) => {
        get(`http://127.0.0.1:${port}/`, { agent: httpAgent }, () =>
          reject(new Error("answered")),
        ).on("error", resolve);
      });
      expect(error.message).toBe(`no connection to 127.0.0.1 within ${DEADLINE_MS} ms`);
      httpAgent.destroy();
      filler.destroy();
    } finally {
      listener.kill();
    }
  });
});
