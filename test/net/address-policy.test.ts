import { describe, expect, it } from "vitest";
import { checkAddress, classifyAddress } from "../../src/net/address-policy.js";

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.53.1.9", "loopback"],
    ["10.1.2.3", "private"],
    ["172.31.255.255", "private"],
    ["192.168.0.1", "private"],
    ["100.64.0.1", "shared-address-space"],
    ["169.254.169.254", "link-local"],
    ["0.0.0.0", "unspecified"],
    ["192.0.2.53", "documentation"],
    ["198.51.100.1", "documentation"],
    ["203.0.113.7", "documentation"],
    ["224.0.0.251", "multicast"],
    ["255.255.255.255", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fd00:ec2::254", "unique-local"],
    ["ff02::1", "multicast"],
    ["2001:db8::53", "documentation"],
    ["::ffff:169.254.169.254", "link-local"],
    ["::ffff:10.0.0.1", "private"],
  ])("%s is %s", (address, category) => {
    expect(classifyAddress(address)).toEqual({ kind: "non-public", category });
  });

  it.each([
    "198.41.0.4",
    "205.251.192.1",
    "2001:503:ba3e::2:30",
    "2600:9000:5300::1",
    "172.32.0.1",
    "::ffff:8.8.8.8",
  ])("%s is public", (address) => {
    expect(classifyAddress(address)).toEqual({ kind: "public" });
  });

  it("rejects what is not an address", () => {
    expect(classifyAddress("ns1.example.com")).toEqual({ kind: "invalid" });
    expect(classifyAddress("999.1.1.1")).toEqual({ kind: "invalid" });
  });
});

describe("checkAddress", () => {
  it("blocks non-public addresses by default and says why", () => {
    const verdict = checkAddress({ allowNonPublic: false }, "169.254.169.254");
    expect(verdict.allowed).toBe(false);
    expect(verdict.allowed === false && verdict.reason).toMatch(/link-local/);
  });

  it("allows them in a configured lab, but never a non-address", () => {
    expect(checkAddress({ allowNonPublic: true }, "127.0.0.1")).toEqual({ allowed: true });
    expect(checkAddress({ allowNonPublic: true }, "localhost").allowed).toBe(false);
  });
});
