// Providers init defines for registrars and DNS hosts the catalog does not know.
import { describe, expect, it } from "vitest";
import {
  dnsHostProvider,
  mergeProviderDefinitions,
  registrarProvider,
} from "../../src/init/new-providers.js";
import { catalog } from "../support/rules.js";

describe("new providers", () => {
  it("never take a built-in id, which would extend that provider instead", () => {
    // "Hover" reduces to the built-in id `hover`.
    expect(registrarProvider({ ianaId: 7777, name: "Hover" }, catalog)?.id).toBe("hover-registrar");
    // Servers under `azure.dns` would be named `azure-dns`, the built-in Azure DNS.
    expect(dnsHostProvider(["ns1.azure.dns"], catalog)?.id).toBe("azure-dns-dns");
  });

  it("make ids the policy language accepts from any registrar name", () => {
    const id = registrarProvider(
      { ianaId: undefined, name: "  Ünïcode — Names & Co., Ltd." },
      catalog,
    )?.id;
    expect(id).toMatch(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/);
    expect(
      registrarProvider({ ianaId: undefined, name: "x".repeat(200) }, catalog)?.id,
    ).toHaveLength(64);
    expect(registrarProvider({ ianaId: undefined, name: "!!!" }, catalog)).toBeUndefined();
  });

  it("keep registrar names on one line: names are matched without punctuation or spacing", () => {
    expect(registrarProvider({ ianaId: 4, name: "Odd\r\nRegistrar\u2028LLC" }, catalog)).toEqual({
      id: "odd-registrar",
      name: "Odd Registrar LLC",
      registrar: { ianaIds: [4], names: ["Odd Registrar LLC"] },
    });
  });

  it("merge: one entry per id, the servers and ids of every sighting", () => {
    const merged = mergeProviderDefinitions([
      {
        id: "exampledns-net",
        name: "exampledns.net",
        dnsHost: { nameservers: ["ns2.exampledns.net"] },
      },
      { id: "acme", name: "ACME", registrar: { ianaIds: [12], names: ["ACME"] } },
      {
        id: "exampledns-net",
        name: "exampledns.net",
        dnsHost: { nameservers: ["ns1.exampledns.net", "ns2.exampledns.net"] },
      },
      { id: "acme", registrar: { ianaIds: [3] } },
    ]);
    expect(merged).toEqual([
      { id: "acme", name: "ACME", registrar: { ianaIds: [3, 12], names: ["ACME"] } },
      {
        id: "exampledns-net",
        name: "exampledns.net",
        dnsHost: { nameservers: ["ns1.exampledns.net", "ns2.exampledns.net"] },
      },
    ]);
  });
});
