// The registrar details cache on real files: what one run keeps, and what a later run may reuse
// given its own ListDomains row, the stored verdict, the expiry and the entry's age.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createRegistrarDetailCache } from "../../../src/observe/providers/registrar-detail-cache.js";
import type {
  DomainDetail,
  RegisteredDomainSummary,
} from "../../../src/observe/providers/types.js";

const DAY_MS = 86_400_000;
const EXPIRY = new Date(Date.now() + 200 * DAY_MS).toISOString();

const listed = (changes: Partial<RegisteredDomainSummary> = {}): RegisteredDomainSummary => ({
  name: "example.com",
  autoRenew: true,
  transferLock: true,
  expiry: EXPIRY,
  ...changes,
});

const detail = (expiry = EXPIRY): DomainDetail => ({
  ...listed({ expiry }),
  nameservers: ["ns-1.awsdns-01.com", "ns-513.awsdns-01.net"],
  registrarName: "Amazon Registrar, Inc.",
  statusList: ["clientTransferProhibited"],
  dnssecKeys: [],
});

let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  dirs = [];
});

/** A cache dir holding one run's entry for example.com, judged `verdict`. */
async function written(
  verdict: "compliant" | "drift" | "unknown",
  expiry = EXPIRY,
): Promise<string> {
  const cacheDir = await mkdtemp(join(tmpdir(), "domain-drift-details-"));
  dirs.push(cacheDir);
  const run = createRegistrarDetailCache({ cacheDir, maxAgeHours: 24, refresh: false });
  run.settle(
    "route53",
    { account: "default", detail: detail(expiry), listed: listed({ expiry }) },
    verdict,
  );
  await run.flush();
  return cacheDir;
}

const reuse = (cacheDir: string, row = listed(), minDays?: number, maxAgeHours = 24) =>
  createRegistrarDetailCache({ cacheDir, maxAgeHours, refresh: false }).usable(
    "route53",
    "default",
    row,
    minDays,
    Date.now(),
  );

describe("registrar details cached across runs", () => {
  it("reuses a compliant domain's detail while the listing shows the same row", async () => {
    const cacheDir = await written("compliant");
    const earlier = await reuse(cacheDir);
    expect(earlier?.detail).toEqual(detail());
    expect(Date.parse(earlier?.observedAt ?? "")).toBeLessThanOrEqual(Date.now());
    // Another account, another provider: not this entry.
    const other = createRegistrarDetailCache({ cacheDir, maxAgeHours: 24, refresh: false });
    expect(await other.usable("route53", "prod", listed(), undefined, Date.now())).toBeUndefined();
  });

  it("asks again when auto-renew, the lock or the expiry in the listing changed", async () => {
    const cacheDir = await written("compliant");
    expect(await reuse(cacheDir, listed({ autoRenew: false }))).toBeUndefined();
    expect(await reuse(cacheDir, listed({ transferLock: false }))).toBeUndefined();
    const renewed = new Date(Date.parse(EXPIRY) + 365 * DAY_MS).toISOString();
    expect(await reuse(cacheDir, listed({ expiry: renewed }))).toBeUndefined();
  });

  it("asks again after drift or unknown, near expiry, with --refresh and once stale", async () => {
    expect(await reuse(await written("drift"))).toBeUndefined();
    expect(await reuse(await written("unknown"))).toBeUndefined();
    const soon = new Date(Date.now() + 33 * DAY_MS).toISOString();
    const near = await written("compliant", soon);
    expect(await reuse(near, listed({ expiry: soon }))).toBeDefined();
    expect(await reuse(near, listed({ expiry: soon }), 30)).toBeUndefined();

    const cacheDir = await written("compliant");
    const refreshing = createRegistrarDetailCache({ cacheDir, maxAgeHours: 24, refresh: true });
    expect(await refreshing.usable("route53", "default", listed(), undefined, Date.now())).toBe(
      undefined,
    );
    // An entry older than the maximum age (here 50 ms) is not used.
    await delay(100);
    expect(await reuse(cacheDir, listed(), undefined, 50 / 3_600_000)).toBeUndefined();
    expect(await reuse(cacheDir, listed(), undefined, 24)).toBeDefined();
  });
});
