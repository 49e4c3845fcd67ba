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
    // One address in every other range of the tables, so that none can go missing unnoticed.
    ["192.0.0.9", "reserved"],
    ["192.88.99.1", "reserved"],
    ["198.19.255.1", "benchmarking"],
    ["240.0.0.1", "reserved"],
    ["::1.2.3.4", "reserved"],
    ["64:ff9b::a00:1", "translation"],
    ["64:ff9b:1::1", "translation"],
    ["100::1", "reserved"],
    ["2001:2::1", "benchmarking"],
    ["2002:a00:1::1", "translation"],
    ["3fff::1", "documentation"],
    ["fec0::1", "reserved"],
    ["::FFFF:127.0.0.1", "loopback"],
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
    // Just outside the ranges above.
    "100.128.0.1",
    "169.255.0.1",
    "192.169.0.1",
    "198.20.0.1",
    "2001:3::1",
    "4000::1",
    // A global address whose last 32 bits read like 10.0.0.1 is no IPv4-mapped address.
    "2600::ffff:10.0.0.1",
  ])("%s is public", (address) => {
    expect(classifyAddress(address)).toEqual({ kind: "public" });
  });

  it("rejects what is not an address", () => {
    expect(classifyAddress("ns1.example.com")).toEqual({ kind: "invalid" });
    expect(classifyAddress("999.1.1.1")).toEqual({ kind: "invalid" });
    expect(classifyAddress("::ffff:10.0.0.1x")).toEqual({ kind: "invalid" });
  });
});

describe("checkAddress", () => {
  it("blocks non-public addresses by default and says why", () => {
    expect(checkAddress({ allowNonPublic: false }, "169.254.169.254")).toEqual({
      allowed: false,
      reason:
        "169.254.169.254 is a link-local address; non-public targets are blocked unless a lab is configured",
    });
    expect(checkAddress({ allowNonPublic: false }, "198.41.0.4")).toEqual({ allowed: true });
  });

  it("allows them in a configured lab, but never a non-address", () => {
    expect(checkAddress({ allowNonPublic: true }, "127.0.0.1")).toEqual({ allowed: true });
    expect(checkAddress({ allowNonPublic: true }, "localhost")).toEqual({
      allowed: false,
      reason: "not an IP address: localhost",
    });
  });
});
