// The RDAP observer against lab RDAP servers: real undici over real loopback HTTP.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type LabRdapDomain,
  type LabRdapServer,
  renderLabBootstrap,
  startLabRdapServer,
} from "../../../src/lab/rdap-server.js";
import {
  createRdapObserver,
  loadRdapBootstrapFile,
  parseRdapBootstrap,
  type RdapBootstrap,
  type RdapObserver,
  type RdapObserverOptions,
} from "../../../src/observe/rdap/index.js";

const AMAZON: LabRdapDomain = {
  registrar: { ianaId: 468, name: "Amazon Registrar, Inc." },
  statuses: ["client transfer prohibited", "client update prohibited"],
  events: {
    registration: "2015-03-01T10:00:00Z",
    expiration: "2027-03-01T10:00:00Z",
    lastChanged: "2026-01-05T08:30:00Z",
  },
  nameservers: [
    "NS-1536.AWSDNS-00.CO.UK",
    "ns-0.awsdns-00.com",
    "ns-512.awsdns-00.net",
    "ns-1024.awsdns-00.org",
  ],
  delegationSigned: false,
};

function bootstrapFor(tlds: Record<string, string>, source = "lab-bootstrap.json"): RdapBootstrap {
  const parsed = parseRdapBootstrap(renderLabBootstrap(tlds), source);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.bootstrap;
}

const observers: RdapObserver[] = [];
function observer(
  options: Partial<RdapObserverOptions> & { bootstrap: RdapBootstrap },
): RdapObserver {
  const created = createRdapObserver({ userSupplied: true, ...options });
  observers.push(created);
  return created;
}
afterEach(async () => {
  await Promise.all(observers.splice(0).map((o) => o.close()));
});

let lab: LabRdapServer;
let labBootstrap: RdapBootstrap;
beforeAll(async () => {
  lab = await startLabRdapServer({ basePath: "/com/v1/", domains: { "example.com": AMAZON } });
  labBootstrap = bootstrapFor({ com: lab.baseUrl });
});
afterAll(() => lab.close());
afterEach(() => {
  lab.clearFaults();
  lab.resetCounters();
});

const requestsFor = (server: LabRdapServer, domain: string): number =>
  [...server.counters().byPath]
    .filter(([path]) => path.endsWith(`/domain/${domain}`))
    .reduce((n, [, c]) => n + c, 0);

describe("answers", () => {
  it("reads a registered domain", async () => {
    const result = await observer({ bootstrap: labBootstrap }).lookup("Example.COM.");
    expect(result).toEqual({
      kind: "registered",
      domain: "example.com",
      protocol: "rdap",
      url: `${lab.baseUrl}domain/example.com`,
      registrar: { ianaId: 468, name: "Amazon Registrar, Inc.", handle: "468", role: "registrar" },
      statuses: ["client transfer prohibited", "client update prohibited"],
      events: {
        registration: "2015-03-01T10:00:00Z",
        expiration: "2027-03-01T10:00:00Z",
        lastChanged: "2026-01-05T08:30:00Z",
      },
      nameservers: [
        "ns-0.awsdns-00.com",
        "ns-1024.awsdns-00.org",
        "ns-1536.awsdns-00.co.uk",
        "ns-512.awsdns-00.net",
      ],
      delegationSigned: false,
      dsData: [],
      keyData: [],
      truncated: [],
    });
    expect(lab.counters().byPath.get("/com/v1/domain/example.com")).toBe(1);
  });

  it("treats 404 as not registered", async () => {
    const result = await observer({ bootstrap: labBootstrap }).lookup("nobody-has-this.com");
    expect(result).toEqual({
      kind: "not-registered",
      domain: "nobody-has-this.com",
      url: `${lab.baseUrl}domain/nobody-has-this.com`,
    });
  });

  it("says which TLD has no RDAP service", async () => {
    const result = await observer({ bootstrap: labBootstrap }).lookup("example.zz");
    expect(result).toMatchObject({ kind: "unavailable", url: undefined });
    expect(result.kind === "unavailable" && result.reason).toBe(
      "no RDAP service for .zz in lab-bootstrap.json",
    );
    expect(lab.counters().total).toBe(0);
  });

  it("refuses input that is not a domain name", async () => {
    const result = await observer({ bootstrap: labBootstrap }).lookup("not a domain!");
    expect(result.kind).toBe("unavailable");
    expect(lab.counters().total).toBe(0);
  });

  it("rejects an answer about another domain", async () => {
    lab.setRawDomain("swapped.com", {
      objectClassName: "domain",
      ldhName: "OTHER.COM",
      status: ["active"],
    });
    const result = await observer({ bootstrap: labBootstrap }).lookup("swapped.com");
    expect(result.kind === "unavailable" && result.reason).toMatch(
      /another domain \("OTHER.COM"\)/,
    );
  });

  it("asks once for a domain looked up repeatedly or concurrently", async () => {
    const o = observer({ bootstrap: labBootstrap });
    const [a, b] = await Promise.all([o.lookup("example.com"), o.lookup("example.com")]);
    const c = await o.lookup("EXAMPLE.com");
    expect(a).toEqual(b);
    expect(c).toEqual(a);
    expect(requestsFor(lab, "example.com")).toBe(1);
    expect(o.stats()).toMatchObject({ requests: 1, cacheHits: 1 });
  });
});

describe("thin registry", () => {
  let registry: LabRdapServer;
  let registrar: LabRdapServer;
  let third: LabRdapServer;
  let bootstrap: RdapBootstrap;
  beforeAll(async () => {
    registrar = await startLabRdapServer({ role: "registrar", basePath: "/rdap/" });
    third = await startLabRdapServer({ role: "registrar" });
    registry = await startLabRdapServer({ role: "registry" });
    bootstrap = bootstrapFor({ net: registry.baseUrl });
  });
  afterAll(() => Promise.all([registry.close(), registrar.close(), third.close()]));
  afterEach(() => {
    for (const s of [registry, registrar, third]) {
      s.clearFaults();
      s.resetCounters();
    }
  });

  const thin: LabRdapDomain = {
    statuses: ["client transfer prohibited"],
    events: { registration: "2010-01-01T00:00:00Z" },
    nameservers: ["ns1.hover.com", "ns2.hover.com"],
  };
  const full: LabRdapDomain = {
    registrar: { ianaId: 69, name: "Tucows Domains Inc." },
    statuses: ["ok"],
    events: { registration: "2010-01-01T00:00:01Z", expiration: "2027-01-01T00:00:00Z" },
    nameservers: ["ns1.elsewhere.example"],
    delegationSigned: true,
  };

  it("follows the related link and merges: registry wins status and name servers", async () => {
    registry.setDomain("thin.net", { ...thin, registrarRdap: registrar.baseUrl });
    registrar.setDomain("thin.net", full);
    const o = observer({ bootstrap });
    const result = await o.lookup("thin.net");
    expect(result).toEqual({
      kind: "registered",
      domain: "thin.net",
      protocol: "rdap",
      url: `${registrar.baseUrl}domain/thin.net`,
      registrar: { ianaId: 69, name: "Tucows Domains Inc.", handle: "69", role: "registrar" },
      statuses: ["client transfer prohibited"],
      events: {
        registration: "2010-01-01T00:00:00Z",
        expiration: "2027-01-01T00:00:00Z",
        lastChanged: undefined,
      },
      nameservers: ["ns1.hover.com", "ns2.hover.com"],
      delegationSigned: false,
      dsData: [],
      keyData: [],
      truncated: [],
    });
    expect(o.stats()).toMatchObject({ requests: 2, relatedFollowed: 1 });
  });

  it("does not follow the link when the registry already has registrar and expiration", async () => {
    registry.setDomain("thick.net", { ...full, registrarRdap: registrar.baseUrl });
    registrar.setDomain("thick.net", full);
    const result = await observer({ bootstrap }).lookup("thick.net");
    expect(result).toMatchObject({
      kind: "registered",
      url: `${registry.baseUrl}domain/thick.net`,
    });
    expect(registrar.counters().total).toBe(0);
  });

  it("follows one hop only", async () => {
    registry.setDomain("chain.net", { ...thin, registrarRdap: registrar.baseUrl });
    // The registrar server plays a thin registry too, pointing further; that link is not followed.
    registrar.setRawDomain("chain.net", {
      objectClassName: "domain",
      ldhName: "chain.net",
      status: ["ok"],
      links: [
        { rel: "related", type: "application/rdap+json", href: `${third.baseUrl}domain/chain.net` },
      ],
    });
    third.setDomain("chain.net", full);
    const result = await observer({ bootstrap }).lookup("chain.net");
    expect(result).toMatchObject({
      kind: "registered",
      url: `${registrar.baseUrl}domain/chain.net`,
    });
    expect(result.kind === "registered" && result.registrar).toEqual({
      ianaId: undefined,
      name: undefined,
    });
    expect(third.counters().total).toBe(0);
  });

  it("keeps the registry's data when the registrar's server fails", async () => {
    registry.setDomain("down.net", { ...thin, registrarRdap: registrar.baseUrl });
    registrar.setDomain("down.net", full);
    registrar.addFault("down.net", { kind: "error-status", status: 500 });
    const result = await observer({ bootstrap, maxAttempts: 2 }).lookup("down.net");
    expect(result).toMatchObject({
      kind: "registered",
      url: `${registry.baseUrl}domain/down.net`,
      registrar: { ianaId: undefined, name: undefined },
      statuses: ["client transfer prohibited"],
      events: { registration: "2010-01-01T00:00:00Z", expiration: undefined },
    });
    expect(requestsFor(registrar, "down.net")).toBe(2);
  });
});

describe("rate limits and retries", () => {
  it("honours 429 Retry-After, then succeeds", async () => {
    lab.addFault("example.com", { kind: "rate-limit", retryAfter: "1" }, 1);
    const o = observer({ bootstrap: labBootstrap });
    const started = performance.now();
    const result = await o.lookup("example.com");
    const elapsed = performance.now() - started;
    expect(result.kind).toBe("registered");
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(requestsFor(lab, "example.com")).toBe(2);
    expect(o.stats().retries).toBe(1);
  });

  it("gives up at once when Retry-After exceeds the cap (seconds)", async () => {
    lab.addFault("example.com", { kind: "rate-limit", retryAfter: "120" });
    const result = await observer({ bootstrap: labBootstrap, maxRetryAfterSeconds: 60 }).lookup(
      "example.com",
    );
    expect(result.kind === "unavailable" && result.reason).toMatch(
      /HTTP 429 and asked to retry after 120 s, longer than the 60 s/,
    );
    expect(requestsFor(lab, "example.com")).toBe(1);
  });

  it("gives up at once when Retry-After exceeds the cap (HTTP-date)", async () => {
    const inAnHour = new Date(Date.now() + 3_600_000).toUTCString();
    lab.addFault("example.com", { kind: "rate-limit", retryAfter: inAnHour });
    const result = await observer({ bootstrap: labBootstrap }).lookup("example.com");
    expect(result.kind === "unavailable" && result.reason).toMatch(/retry after 3[56]\d\d s/);
    expect(requestsFor(lab, "example.com")).toBe(1);
  });

  it("retries 5xx to success", async () => {
    lab.addFault("example.com", { kind: "error-status", status: 502 }, 2);
    const o = observer({ bootstrap: labBootstrap, maxAttempts: 3 });
    const result = await o.lookup("example.com");
    expect(result.kind).toBe("registered");
    expect(requestsFor(lab, "example.com")).toBe(3);
    expect(o.stats().retries).toBe(2);
  });

  it("honours Retry-After on a 503 too", async () => {
    lab.addFault("example.com", { kind: "error-status", status: 503, retryAfter: "1" }, 1);
    const started = performance.now();
    const result = await observer({ bootstrap: labBootstrap }).lookup("example.com");
    expect(result.kind).toBe("registered");
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("stops after maxAttempts on persistent 5xx", async () => {
    lab.addFault("example.com", { kind: "error-status" });
    const result = await observer({ bootstrap: labBootstrap, maxAttempts: 3 }).lookup(
      "example.com",
    );
    expect(result).toMatchObject({ kind: "unavailable", url: `${lab.baseUrl}domain/example.com` });
    expect(result.kind === "unavailable" && result.reason).toMatch(/HTTP 503 \(after 3 attempts\)/);
    expect(requestsFor(lab, "example.com")).toBe(3);
  });

  it("retries a dropped connection", async () => {
    lab.addFault("example.com", { kind: "reset" }, 1);
    const o = observer({ bootstrap: labBootstrap });
    expect((await o.lookup("example.com")).kind).toBe("registered");
    expect(o.stats().retries).toBe(1);
  });

  it("reports other statuses without retrying", async () => {
    lab.addFault("example.com", { kind: "error-status", status: 403 });
    const result = await observer({ bootstrap: labBootstrap }).lookup("example.com");
    expect(result.kind === "unavailable" && result.reason).toBe(
      `${lab.baseUrl}domain/example.com answered HTTP 403`,
    );
    expect(requestsFor(lab, "example.com")).toBe(1);
  });

  it("times out slow servers, bounded by the attempts", async () => {
    lab.addFault("example.com", { kind: "delay", ms: 3_000 });
    const result = await observer({
      bootstrap: labBootstrap,
      timeoutMs: 200,
      maxAttempts: 2,
    }).lookup("example.com");
    expect(result.kind === "unavailable" && result.reason).toMatch(
      /within 200 ms \(after 2 attempts\)/,
    );
    expect(requestsFor(lab, "example.com")).toBe(2);
  });

  it("ends a Retry-After wait on close", async () => {
    // 59 s: under the 60 s the observer waits at most, and longer than this test may run, so
    // only the close can end the wait.
    lab.addFault("example.com", { kind: "rate-limit", retryAfter: "59" });
    const o = observer({ bootstrap: labBootstrap });
    const pending = o.lookup("example.com");
    await vi.waitFor(() => expect(requestsFor(lab, "example.com")).toBe(1), { timeout: 20_000 });
    await o.close();
    const result = await pending;
    expect(result.kind === "unavailable" && result.reason).toMatch(/closed/);
    expect(requestsFor(lab, "example.com")).toBe(1);
  });
});

describe("redirects", () => {
  it("follows up to three", async () => {
    lab.addFault("example.com", { kind: "redirect", hops: 3 });
    const o = observer({ bootstrap: labBootstrap });
    const result = await o.lookup("example.com");
    expect(result).toMatchObject({
      kind: "registered",
      url: `${lab.baseUrl}_hop/3/3/domain/example.com`,
    });
    expect(o.stats()).toMatchObject({ requests: 4, redirects: 3 });
  });

  it("refuses a fourth", async () => {
    lab.addFault("example.com", { kind: "redirect", hops: 4 });
    const result = await observer({ bootstrap: labBootstrap }).lookup("example.com");
    expect(result.kind === "unavailable" && result.reason).toMatch(/more than 3 redirects/);
    expect(lab.counters().total).toBe(4);
  });

  it("stops a loop", async () => {
    lab.addFault("example.com", { kind: "redirect-loop" });
    const result = await observer({ bootstrap: labBootstrap }).lookup("example.com");
    expect(result.kind === "unavailable" && result.reason).toMatch(/redirect loop/);
    expect(lab.counters().total).toBeLessThanOrEqual(4);
  });

  it("follows a redirect to another server", async () => {
    const mirror = await startLabRdapServer({ domains: { "example.com": AMAZON } });
    try {
      lab.addFault("example.com", {
        kind: "redirect-to",
        location: `${mirror.baseUrl}domain/example.com`,
      });
      const result = await observer({ bootstrap: labBootstrap }).lookup("example.com");
      expect(result).toMatchObject({
        kind: "registered",
        url: `${mirror.baseUrl}domain/example.com`,
      });
    } finally {
      await mirror.close();
    }
  });

  it.each(["file:///etc/passwd", "ftp://127.0.0.1/x"])(
    "re-validates the target: refuses %s",
    async (location) => {
      lab.addFault("example.com", { kind: "redirect-to", location });
      const result = await observer({ bootstrap: labBootstrap }).lookup("example.com");
      expect(result.kind === "unavailable" && result.reason).toMatch(/only https is used/);
    },
  );
});

describe("bodies", () => {
  it("reports invalid JSON", async () => {
    lab.addFault("example.com", { kind: "invalid-json" });
    const result = await observer({ bootstrap: labBootstrap }).lookup("example.com");
    expect(result.kind === "unavailable" && result.reason).toMatch(/answered invalid JSON/);
  });

  it.each([false, true])("caps the body size (declared length: %s)", async (declareLength) => {
    lab.addFault("example.com", { kind: "oversized", bytes: 3 * 1024 * 1024, declareLength });
    const result = await observer({ bootstrap: labBootstrap }).lookup("example.com");
    expect(result.kind === "unavailable" && result.reason).toMatch(/larger than 2097152 bytes/);
  });
});

describe("concurrency", () => {
  it("keeps at most perHostConcurrency requests in flight per host", async () => {
    const names = Array.from({ length: 12 }, (_, i) => `d${i}.com`);
    for (const name of names) lab.setDomain(name, AMAZON);
    lab.addFault("*", { kind: "delay", ms: 100 });
    const o = observer({ bootstrap: labBootstrap, perHostConcurrency: 3 });
    const results = await Promise.all(names.map((name) => o.lookup(name)));
    expect(results.every((r) => r.kind === "registered")).toBe(true);
    expect(lab.counters().maxInFlight).toBe(3);
  });
});

describe("safety rules", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "dd-rdap-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("refuses an http URL from a bootstrap the user did not supply", async () => {
    const result = await observer({ bootstrap: labBootstrap, userSupplied: false }).lookup(
      "example.com",
    );
    expect(result.kind === "unavailable" && result.reason).toMatch(/offers only http/);
    expect(lab.counters()).toMatchObject({ total: 0, connections: 0 });
  });

  it("allows it from a bootstrap file the user supplied", async () => {
    const file = join(dir, "dns.json");
    await writeFile(file, JSON.stringify(renderLabBootstrap({ com: lab.baseUrl })));
    const loaded = await loadRdapBootstrapFile(file);
    if (!loaded.ok) throw new Error(loaded.message);
    const result = await observer({ bootstrap: loaded.bootstrap, userSupplied: true }).lookup(
      "example.com",
    );
    expect(result.kind).toBe("registered");
  });

  const httpsTo = (host: string) =>
    bootstrapFor({ com: `https://${host}:${new URL(lab.baseUrl).port}/com/v1/` });

  it("blocks a loopback address literal by default: no connection is made", async () => {
    const result = await observer({ bootstrap: httpsTo("127.0.0.1"), userSupplied: false }).lookup(
      "example.com",
    );
    expect(result.kind === "unavailable" && result.reason).toMatch(
      /127\.0\.0\.1 is a loopback address/,
    );
    expect(lab.counters()).toMatchObject({ total: 0, connections: 0 });
  });

  it("blocks a host name that resolves to loopback: checked at connect time", async () => {
    const result = await observer({ bootstrap: httpsTo("localhost"), userSupplied: false }).lookup(
      "example.com",
    );
    expect(result.kind === "unavailable" && result.reason).toMatch(
      /localhost has no address we may use \((127\.0\.0\.1|::1) is a loopback address/,
    );
    expect(lab.counters()).toMatchObject({ total: 0, connections: 0 });
  });

  it("connects when the explicit flag allows non-public addresses", async () => {
    // The lab speaks plain HTTP, so the TLS handshake fails; what matters is that it was reached.
    const result = await observer({
      bootstrap: httpsTo("localhost"),
      userSupplied: false,
      allowNonPublic: true,
      maxAttempts: 1,
    }).lookup("example.com");
    expect(result.kind).toBe("unavailable");
    expect(lab.counters().connections).toBeGreaterThan(0);
  });
});
