import { describe, expect, it } from "vitest";
import { normalizeDomainName } from "../../src/names/normalize.js";

describe("normalizeDomainName", () => {
  it.each([
    ["example.com", "example.com", "example.com"],
    ["EXAMPLE.Com", "example.com", "example.com"],
    ["bücher.example", "xn--bcher-kva.example", "bücher.example"],
    ["XN--BCHER-KVA.example", "xn--bcher-kva.example", "bücher.example"],
    ["例え.テスト", "xn--r8jz45g.xn--zckzah", "例え.テスト"],
    ["ｅｘａｍｐｌｅ。com", "example.com", "example.com"],
    ["faß.de", "xn--fa-hia.de", "faß.de"],
    ["a-b.example.co.uk", "a-b.example.co.uk", "a-b.example.co.uk"],
    ["123.example", "123.example", "123.example"],
  ])("normalises %j to %j", (input, name, unicode) => {
    expect(normalizeDomainName(input)).toEqual({ ok: true, name, unicode });
  });

  it.each([
    ["", "empty"],
    [".", "empty"],
    ["example.com.", "remove the trailing dot: write `example.com`"],
    ["example..com", "empty label"],
    [".example.com", "empty label"],
    ["com", "single label"],
    ["192.0.2.1", "IP address"],
    ["0x7f.1", "IP address"],
    ["[2001:db8::1]", "IP address"],
    ["ex_ample.com", "characters other than"],
    ["exa mple.com", "characters other than"],
    ["-example.com", "hyphen"],
    ["example-.com", "hyphen"],
    ["xn--zz.example", "IDNA"],
    [`${"a".repeat(64)}.example`, "64 characters long (at most 63)"],
    [`${Array(5).fill("a".repeat(60)).join(".")}.example`, "(at most 253)"],
  ])("rejects %j (%s)", (input, reason) => {
    const result = normalizeDomainName(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});
