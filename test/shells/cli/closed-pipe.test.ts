// The one EPIPE handler of the CLI and the demo entry points (the pipelines themselves are in
// broken-pipe.test.ts): a closed pipe is harmless, every other stream error still surfaces.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { ignoreClosedPipes } from "../../../src/shells/cli/closed-pipe.js";

const errorWithCode = (code: string) => Object.assign(new Error(code), { code });

describe("ignoreClosedPipes", () => {
  it("swallows EPIPE on every stream it is given", () => {
    const streams = [new PassThrough(), new PassThrough()];
    ignoreClosedPipes(streams);
    for (const stream of streams) {
      expect(() => stream.emit("error", errorWithCode("EPIPE"))).not.toThrow();
    }
  });

  it("still throws any other error", () => {
    const stream = new PassThrough();
    ignoreClosedPipes([stream]);
    expect(() => stream.emit("error", errorWithCode("EIO"))).toThrow("EIO");
  });

  it("leaves streams it was not given alone", () => {
    ignoreClosedPipes([new PassThrough()]);
    expect(() => new PassThrough().emit("error", errorWithCode("EPIPE"))).toThrow("EPIPE");
  });
});
