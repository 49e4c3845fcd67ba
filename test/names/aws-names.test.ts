import { describe, expect, it } from "vitest";
import { route53Escape } from "../../src/lab/aws-world.js";
import { comparableName, route53NameKey } from "../../src/names/normalize.js";

describe("route53NameKey", () => {
  it.each([
    ["example.com.", "example.com"],
    ["Example.COM", "example.com"],
    ["\\052.example.com.", "*.example.com"],
    // Letters stay letters, however escaped.
    ["\\105xample.com.", "example.com"],
    // A dot inside a label separates nothing.
    ["a\\056b.example.", "a\\056b.example"],
    // Bytes, not characters: UTF-8 bytes are no IDN's A-label, a Latin-1 byte is one byte.
    ["b\\303\\274cher.example.", "b\\303\\274cher.example"],
    ["ex\\344mple.com.", "ex\\344mple.com"],
    ["a\\040b.example.", "a\\040b.example"],
    // Not an escape as the API writes them: the backslash is a byte of the label.
    ["trailing\\", "trailing\\134"],
    ["\\09x.example", "\\13409x.example"],
    [".", "."],
  ])("%s → %s", (raw, key) => {
    expect(route53NameKey(raw)).toBe(key);
  });

  it("reads the emulator's escaping back label by label", () => {
    for (const [name, key] of [
      ["*.example", "*.example"],
      ["_dmarc.x-y.example", "_dmarc.x-y.example"],
      ["xn--bcher-kva.example", "xn--bcher-kva.example"],
      ["bücher.example", "b\\303\\274cher.example"],
      ["a\\.b.example", "a\\056b.example"],
    ]) {
      expect(route53NameKey(route53Escape(name as string))).toBe(key);
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
