// The one stdout/stderr watcher of the CLI and the demo entry points (the pipelines themselves are
// in broken-pipe.test.ts): a closed pipe is harmless; any other failure to write is exit code 4.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { watchStandardStreams } from "../../../src/shells/cli/standard-streams.js";

const errorWithCode = (code: string) => Object.assign(new Error(code), { code });

function streams() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let said = "";
  stderr.on("data", (chunk: Buffer) => {
    said += chunk.toString();
  });
  return { stdout, stderr, said: () => said };
}

describe("watchStandardStreams", () => {
  it("keeps the exit code when stdout's reader closed the pipe", async () => {
    const { stdout, stderr, said } = streams();
    const watched = watchStandardStreams(stdout, stderr);
    stdout.emit("error", errorWithCode("EPIPE"));
    expect(await watched.finish(1, "domain-drift")).toBe(1);
    expect(said()).toBe("");
  });

  it("turns any other write error into exit code 4 and one line on stderr", async () => {
    const { stdout, stderr, said } = streams();
    const watched = watchStandardStreams(stdout, stderr);
    expect(() => stdout.emit("error", errorWithCode("ENOSPC"))).not.toThrow();
    expect(() => stderr.emit("error", errorWithCode("EIO"))).not.toThrow();
    expect(await watched.finish(0, "domain-drift")).toBe(4);
    expect(said()).toBe("domain-drift: cannot write to standard output: no space left on device\n");
  });
});
