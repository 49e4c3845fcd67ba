import { describe, expect, it } from "vitest";
import { decodePolicyBytes } from "../../src/policy/decode-source.js";

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(
    parts.flatMap((part) => (typeof part === "string" ? [...Buffer.from(part, "utf8")] : part)),
  );

describe("decodePolicyBytes", () => {
  it("decodes UTF-8 and drops a byte-order mark", () => {
    expect(decodePolicyBytes(bytes([0xef, 0xbb, 0xbf], "version: 1\nbücher: x\n"))).toEqual({
      ok: true,
      text: "version: 1\nbücher: x\n",
    });
  });

  it.each([
    [
      "a Latin-1 byte before ASCII",
      bytes("version: 1\n  caf", [0xe9], ".example: {}\n"),
      2,
      6,
      "0xe9",
    ],
    ["a stray continuation byte", bytes("ab", [0x80], "c"), 1, 3, "0x80"],
    ["a byte that never starts a sequence", bytes("x: y\nz", [0xff]), 2, 2, "0xff"],
    ["a three-byte sequence cut short", bytes("é ", [0xe2, 0x82], "x"), 1, 3, "0xe2"],
    ["a sequence truncated at the end of the file", bytes("ok: ü\nk", [0xf0, 0x9f]), 2, 2, "0xf0"],
    ["an overlong encoding", bytes("a", [0xc0, 0xaf]), 1, 2, "0xc0"],
    ["a surrogate encoded in UTF-8", bytes("ab", [0xed, 0xa0, 0x80]), 1, 3, "0xed"],
  ])("reports %s at its line and column", (_, input, line, column, byte) => {
    expect(decodePolicyBytes(input)).toEqual({
      ok: false,
      line,
      column,
      message: `the file is not valid UTF-8 (byte ${byte}): save it as UTF-8`,
    });
  });

  it("recognises UTF-16 by its byte-order mark", () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Buffer.from("version: 1\n", "utf16le")]);
    expect(decodePolicyBytes(utf16)).toEqual({
      ok: false,
      line: 1,
      column: 1,
      message: "the file is UTF-16: save it as UTF-8",
    });
  });

  it("counts columns in UTF-16 code units, as editors and the YAML positions do", () => {
    // "😀" is two UTF-16 code units: the bad byte after it is column 4.
    expect(decodePolicyBytes(bytes("a😀", [0xff]))).toMatchObject({ line: 1, column: 4 });
  });
});
