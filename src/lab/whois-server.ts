// A loopback WHOIS server (RFC 3912) for tests and the demo: answers a query line with the text
// stored for it, like a registry's port-43 service, and injects the faults real ones show: silence,
// oversized answers, dropped connections and rate-limit refusals. It counts what it was asked.

import type { AddressInfo } from "node:net";
import { createServer, type Socket } from "node:net";

export type LabWhoisFault =
  /** Accepts the query and never answers. */
  | { readonly kind: "silent" }
  /** An answer of `bytes` bytes. */
  | { readonly kind: "oversized"; readonly bytes: number }
  /** Closes the connection without an answer. */
  | { readonly kind: "reset" }
  /** Answers with this refusal text instead of the record. */
  | { readonly kind: "refuse"; readonly text: string };

export interface LabWhoisServerOptions {
  /** Query line (without CRLF) → answer text. */
  readonly answers?: Readonly<Record<string, string>>;
  /** The answer to any other query. */
  readonly notFound: string;
}

export interface LabWhoisServer {
  readonly host: string;
  readonly port: number;
  setAnswer(query: string, text: string): void;
  /** Applies `fault` to every query from now on, until cleared. */
  setFault(fault: LabWhoisFault | undefined): void;
  /** Query lines received, in order. */
  queries(): readonly string[];
  close(): Promise<void>;
}

export async function startLabWhoisServer(options: LabWhoisServerOptions): Promise<LabWhoisServer> {
  const answers = new Map(Object.entries(options.answers ?? {}));
  const received: string[] = [];
  const sockets = new Set<Socket>();
  let fault: LabWhoisFault | undefined;

  function answer(socket: Socket, query: string): void {
    received.push(query);
    switch (fault?.kind) {
      case "silent":
        return;
      case "reset":
        socket.destroy();
        return;
      case "oversized":
        socket.end("x".repeat(fault.bytes));
        return;
      case "refuse":
        socket.end(fault.text);
        return;
      default:
        socket.end(answers.get(query) ?? options.notFound);
    }
  }

  // Half-open: a client's end of sending is not the end of the exchange (a silent server stays).
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    let buffered = "";
    socket.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const end = buffered.indexOf("\r\n");
      if (end >= 0) answer(socket, buffered.slice(0, end));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    host: "127.0.0.1",
    port,
    setAnswer: (query, text) => answers.set(query, text),
    setFault(next) {
      fault = next;
    },
    queries: () => [...received],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
