import { describe, expect, it } from "vitest";
import { isRoute53Address } from "../../src/catalog/route53-addresses.js";

describe("isRoute53Address", () => {
  it("recognises addresses inside the shipped Route 53 ranges", () => {
    expect(isRoute53Address("205.251.200.1")).toBe(true); // 205.251.200.0/23
    expect(isRoute53Address("205.251.201.254")).toBe(true);
  });

  it("rejects addresses outside them, and non-addresses", () => {
    expect(isRoute53Address("205.251.202.1")).toBe(false);
    expect(isRoute53Address("198.41.0.4")).toBe(false);
    expect(isRoute53Address("ns-1.awsdns-01.com")).toBe(false);
  });
});
