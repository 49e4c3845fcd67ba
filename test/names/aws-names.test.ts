import { describe, expect, it } from "vitest";
import { route53Escape } from "../../src/lab/aws-world.js";
import { comparableName, decodeRoute53Name } from "../../src/names/normalize.js";

describe("decodeRoute53Name", () => {
  it.each([
    ["example.com.", "example.com."],
    ["\\052.example.com.", "*.example.com."],
    ["b\\303\\274cher.example.", "bücher.example."],
    ["a\\.b.example.", "a.b.example."],
    ["trailing\\", "trailing\\"],
    ["\\09x.example", "09x.example"],
  ])("%s → %s", (raw, decoded) => {
    expect(decodeRoute53Name(raw)).toBe(decoded);
  });

  it("inverts the emulator's escaping for any label", () => {
    for (const name of [
      "*.example",
      "bücher.example",
      "日本.jp",
      "_dmarc.x-y.example",
      "a b.example",
    ]) {
      expect(decodeRoute53Name(route53Escape(name))).toBe(`${name}.`);
    }
  });
});

describe("comparableName", () => {
  it.each([
    ["Example.COM.", "example.com"],
    ["bücher.example", "xn--bcher-kva.example"],
    ["XN--BCHER-KVA.example", "xn--bcher-kva.example"],
    ["*.wild.example", "*.wild.example"],
    ["  spaced.example ", "spaced.example"],
  ])("%s → %s", (name, normalised) => {
    expect(comparableName(name)).toBe(normalised);
  });
});
