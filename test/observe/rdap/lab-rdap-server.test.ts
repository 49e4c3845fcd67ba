// The lab RDAP server itself: what other tests, the demo and the benchmark rely on.
import { request } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type LabRdapServer,
  renderLabBootstrap,
  startLabRdapServer,
} from "../../../src/lab/rdap-server.js";
import { parseRdapBootstrap } from "../../../src/observe/rdap/index.js";

let lab: LabRdapServer;
beforeAll(async () => {
  lab = await startLabRdapServer({
    basePath: "/rdap",
    domains: { "a.test": { registrar: { name: "Registrar A" } } },
  });
});
afterAll(() => lab.close());
afterEach(() => {
  lab.clearFaults();
  lab.resetCounters();
  lab.setLatency(0);
});

async function get(path: string) {
  const response = await request(new URL(path, lab.baseUrl));
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, text };
}

describe("lab RDAP server", () => {
  it("serves domain objects under its base path", async () => {
    expect(lab.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rdap\/$/);
    const { status, headers, text } = await get("domain/a.test");
    expect(status).toBe(200);
    expect(headers["content-type"]).toBe("application/rdap+json");
    expect(JSON.parse(text)).toMatchObject({ objectClassName: "domain", ldhName: "A.TEST" });
  });

  it("answers 404 with an RDAP error body, and 400 for other paths", async () => {
    const missing = await get("domain/b.test");
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text)).toMatchObject({ errorCode: 404, title: "Not Found" });
    expect((await get("entity/x")).status).toBe(404);
    expect((await get("nameserver/x")).status).toBe(400);
  });

  it("changes data at run time", async () => {
    lab.setDomain("b.test", { statuses: ["server hold"] });
    expect(JSON.parse((await get("domain/b.test")).text).status).toEqual(["server hold"]);
    lab.deleteDomain("b.test");
    expect((await get("domain/b.test")).status).toBe(404);
  });

  it("applies a domain's faults before global ones, each for its count", async () => {
    lab.addFault("*", { kind: "error-status", status: 500 }, 1);
    lab.addFault("a.test", { kind: "rate-limit", retryAfter: "3" }, 2);
    const first = await get("domain/a.test");
    expect([first.status, first.headers["retry-after"]]).toEqual([429, "3"]);
    expect((await get("domain/a.test")).status).toBe(429);
    expect((await get("domain/a.test")).status).toBe(500);
    expect((await get("domain/a.test")).status).toBe(200);
  });

  it("redirects within itself", async () => {
    lab.addFault("a.test", { kind: "redirect", hops: 2 }, 1);
    const first = await request(new URL("domain/a.test", lab.baseUrl));
    await first.body.dump();
    expect(first.statusCode).toBe(302);
    expect(first.headers.location).toBe("/rdap/_hop/1/2/domain/a.test");
  });

  it("counts requests by path and adds latency", async () => {
    lab.setLatency(120);
    const started = performance.now();
    await get("domain/a.test");
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    await get("domain/nope.test");
    const counters = lab.counters();
    expect(counters.total).toBe(2);
    expect(Object.fromEntries(counters.byPath)).toEqual({
      "/rdap/domain/a.test": 1,
      "/rdap/domain/nope.test": 1,
    });
  });
});

describe("renderLabBootstrap", () => {
  it("groups TLDs by server and parses as a bootstrap", () => {
    const json = renderLabBootstrap({
      com: "http://127.0.0.1:1/",
      net: "http://127.0.0.1:1/",
      org: "http://127.0.0.1:2/",
    });
    expect(json.services).toEqual([
      [["com", "net"], ["http://127.0.0.1:1/"]],
      [["org"], ["http://127.0.0.1:2/"]],
    ]);
    const parsed = parseRdapBootstrap(json, "lab");
    expect(parsed.ok && parsed.bootstrap.services.get("net")).toEqual(["http://127.0.0.1:1/"]);
  });
});
