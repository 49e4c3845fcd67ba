import { describe, expect, it } from "vitest";
import {
  delegationNameError,
  nameSyntaxError,
  normalizeHostName,
  normalizeName,
} from "../../src/names/normalize.js";
import { childToward, isAtOrBelow, isBelow, parentOf } from "../../src/names/tree.js";

describe("names", () => {
  it("normalizes case and the trailing dot", () => {
    expect(normalizeName("Example.COM.")).toBe("example.com");
    expect(normalizeName(".")).toBe(".");
    expect(normalizeName("")).toBe(".");
  });

  it("folds host names without giving them a root spelling", () => {
    expect(normalizeHostName("NS1.Example.COM.")).toBe("ns1.example.com");
    expect(normalizeHostName(".")).toBe("");
    expect(normalizeHostName("")).toBe("");
  });

  it("compares by whole labels", () => {
    expect(isAtOrBelow("www.example.com", "example.com")).toBe(true);
    expect(isAtOrBelow("example.com", "example.com")).toBe(true);
    expect(isAtOrBelow("badexample.com", "example.com")).toBe(false);
    expect(isAtOrBelow("com", "example.com")).toBe(false);
    expect(isAtOrBelow("anything", ".")).toBe(true);
    expect(isBelow("example.com", "example.com")).toBe(false);
    expect(isBelow("example.com", ".")).toBe(true);
  });

  it("steps one label at a time", () => {
    expect(parentOf("a.b.c")).toBe("b.c");
    expect(parentOf("com")).toBe(".");
    expect(childToward(".", "www.example.co.uk")).toBe("uk");
    expect(childToward("uk", "www.example.co.uk")).toBe("co.uk");
    expect(childToward("co.uk", "www.example.co.uk")).toBe("example.co.uk");
    expect(childToward("example.co.uk", "www.example.co.uk")).toBe("www.example.co.uk");
    expect(childToward("com", "x.com")).toBe("x.com");
  });

  it("accepts host names and A-labels, refuses the rest", () => {
    expect(nameSyntaxError("xn--bcher-kva.example")).toBeUndefined();
    expect(nameSyntaxError("_dmarc.example.com")).toBeUndefined();
    expect(nameSyntaxError("a..b")).toBe("empty label");
    expect(nameSyntaxError("-a.com")).toMatch(/not letters, digits and hyphens/);
    expect(nameSyntaxError("a b.com")).toMatch(/not letters/);
    expect(nameSyntaxError(`${"a".repeat(64)}.com`)).toMatch(/longer than 63/);
    expect(nameSyntaxError(`${"a.".repeat(127)}com`)).toMatch(/longer than 253/);
  });

  it("refuses the root as a delegation, and bad names as the syntax check does", () => {
    expect(delegationNameError(".")).toBe("the root is not a delegation");
    expect(delegationNameError("com")).toBeUndefined();
    expect(delegationNameError("a..b")).toBe("empty label");
  });
});
