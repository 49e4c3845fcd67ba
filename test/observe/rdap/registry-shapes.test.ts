// The ways registries write the same facts (issue 11 item 3), read into one shape, and the
// registrar named only by a handle (item 2): its entity asked once per handle, on the same server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LabRdapServer,
  renderLabBootstrap,
  startLabRdapServer,
} from "../../../src/lab/rdap-server.js";
import { parseRdapDomain, trustsIanaIds } from "../../../src/observe/rdap/domain-object.js";
import { createRdapObserver, parseRdapBootstrap } from "../../../src/observe/rdap/index.js";

const URL_ = "https://rdap.example/domain/x";

function parse(json: Record<string, unknown>, domain = "brand.example") {
  const result = parseRdapDomain({ objectClassName: "domain", ...json }, domain, URL_);
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

const entity = (roles: string[], fn: string, extra: Record<string, unknown> = {}) => ({
  objectClassName: "entity",
  roles,
  vcardArray: ["vcard", [["fn", {}, "text", fn]]],
  ...extra,
});

describe("registrar entities", () => {
  it("takes `registrar` over `sponsor`, whatever their order, and says which", () => {
    const data = parse({
      entities: [entity(["sponsor"], "Reseller SARL"), entity(["registrar"], "OVH")],
    });
    expect(data.registrar).toMatchObject({ name: "OVH", role: "registrar" });
  });

  it("falls back to `sponsor` when no entity is the registrar", () => {
    expect(parse({ entities: [entity(["sponsor"], "Reseller SARL")] }).registrar).toMatchObject({
      name: "Reseller SARL",
      role: "sponsor",
    });
  });

  it("trusts an IANA Registrar ID only at gTLDs", () => {
    const ids = { publicIds: [{ type: "IANA Registrar ID", identifier: "468" }] };
    const json = { entities: [entity(["registrar"], "Local Registrar", ids)] };
    expect(parse({ ...json, ldhName: "brand.com" }, "brand.com").registrar.ianaId).toBe(468);
    expect(parse({ ...json, ldhName: "brand.fr" }, "brand.fr").registrar.ianaId).toBeUndefined();
    expect(trustsIanaIds("brand.xn--p1ai")).toBe(false);
    expect(trustsIanaIds("brand.moscow")).toBe(true);
  });

  it("keeps the handle, or a registry's own id type (Norid registrar ID)", () => {
    const norid = {
      objectClassName: "entity",
      roles: ["registrar"],
      publicIds: [{ type: "Norid registrar ID", identifier: "reg42" }],
    };
    expect(parse({ entities: [norid] }).registrar).toMatchObject({
      handle: "reg42",
      name: undefined,
    });
    expect(parse({ entities: [{ ...norid, handle: "reg42-NORID" }] }).registrar.handle).toBe(
      "reg42-NORID",
    );
  });
});

describe("status, dates and lists", () => {
  it("tells a missing status member from an empty one, and reads EPP spellings", () => {
    expect(parse({}).statuses).toBeUndefined();
    expect(parse({ status: [] }).statuses).toEqual([]);
    expect(parse({ status: ["clientTransferProhibited", "transfer prohibited"] }).statuses).toEqual(
      ["client transfer prohibited", "transfer prohibited"],
    );
  });

  it("reads a date without a zone as UTC, and the registrar's expiration when the registry has none", () => {
    const data = parse({
      events: [
        { eventAction: "registration", eventDate: "2015-01-20T10:11:12" },
        { eventAction: "registrar expiration", eventDate: "2027-01-20 10:11:12" },
        { eventAction: "last changed", eventDate: "2026-01-01T00:00:00+01:00" },
      ],
    });
    expect(data.events).toEqual({
      registration: "2015-01-20T10:11:12Z",
      expiration: "2027-01-20T10:11:12Z",
      lastChanged: "2026-01-01T00:00:00+01:00",
    });
  });

  it("prefers the registry's own expiration to the registrar's", () => {
    const data = parse({
      events: [
        { eventAction: "registrar expiration", eventDate: "2028-01-01T00:00:00Z" },
        { eventAction: "expiration", eventDate: "2027-01-01T00:00:00Z" },
      ],
    });
    expect(data.events.expiration).toBe("2027-01-01T00:00:00Z");
  });

  it("accepts an ldhName with a trailing dot and `nameservers: null`", () => {
    const data = parse({ ldhName: "BRAND.EXAMPLE.", nameservers: null });
    expect(data.nameservers).toEqual([]);
  });

  it("says which lists were cut at the bound", () => {
    const many = (make: (i: number) => unknown) => Array.from({ length: 300 }, (_, i) => make(i));
    const data = parse({
      status: many((i) => `s${i}`),
      events: many(() => ({ eventAction: "x", eventDate: "2020-01-01T00:00:00Z" })),
      nameservers: many((i) => ({ ldhName: `ns${i}.example.net` })),
    });
    expect(data.truncated).toEqual(["events", "nameservers", "status"]);
  });
});

describe("a registrar named by handle", () => {
  let lab: LabRdapServer;
  beforeAll(async () => {
    lab = await startLabRdapServer({ basePath: "/cz/" });
    const byHandle = {
      objectClassName: "entity",
      handle: "REG-EXAMPLE",
      roles: ["registrar"],
    };
    for (const name of ["one.cz", "two.cz", "three.cz"]) {
      lab.setRawDomain(name, {
        objectClassName: "domain",
        ldhName: name,
        status: ["ok"],
        entities: [byHandle],
      });
    }
    lab.setRawEntity("REG-EXAMPLE", entity(["registrar"], "Example Registrar s.r.o."));
  });
  afterAll(() => lab.close());

  it("asks the registry's entity/<handle> once for all its domains and reads the name", async () => {
    const bootstrap = parseRdapBootstrap(renderLabBootstrap({ cz: lab.baseUrl }), "lab");
    if (!bootstrap.ok) throw new Error(bootstrap.message);
    const observer = createRdapObserver({ bootstrap: bootstrap.bootstrap, userSupplied: true });
    try {
      const results = await Promise.all(
        ["one.cz", "two.cz", "three.cz"].map((d) => observer.lookup(d)),
      );
      for (const result of results) {
        expect(result).toMatchObject({
          kind: "registered",
          registrar: { name: "Example Registrar s.r.o.", handle: "REG-EXAMPLE" },
        });
      }
      expect(lab.counters().byPath.get("/cz/entity/REG-EXAMPLE")).toBe(1);
      expect(observer.stats().entitiesFetched).toBe(1);
    } finally {
      await observer.close();
    }
  });
});
