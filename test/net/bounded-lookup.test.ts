// The bounded system lookup, with a resolver the test controls: a deadline per caller, one
// lookup per name at a time, a name that timed out failing at once while its lookup still runs,
// and no more than two lookups running in the process.
import type { LookupAddress, LookupAllOptions } from "node:dns";
import { describe, expect, it } from "vitest";
import { boundedLookup } from "../../src/net/bounded-lookup.js";

/** A resolver whose lookups end only when the test says so. */
function heldResolver() {
  const started: string[] = [];
  const pending: Array<(addresses: LookupAddress[]) => void> = [];
  const resolve = (hostname: string, _options: LookupAllOptions) => {
    started.push(hostname);
    return new Promise<LookupAddress[]>((done) => pending.push(done));
  };
  const releaseAll = () => {
    for (const done of pending.splice(0)) done([{ address: "192.0.2.1", family: 4 }]);
  };
  return { resolve, started, releaseAll };
}

type Answer = { readonly code: string | undefined } | { readonly address: string };

/** One lookup through `lookup`, as undici's connector makes it. */
function ask(lookup: ReturnType<typeof boundedLookup>, hostname: string): Promise<Answer> {
  return new Promise((done) => {
    lookup(hostname, {}, (error, address) =>
      done(error ? { code: (error as NodeJS.ErrnoException).code } : { address: String(address) }),
    );
  });
}

const tick = () => new Promise((done) => setTimeout(done, 10));

describe("boundedLookup", () => {
  it("answers within its deadline, shares one lookup per name and fails a stuck name at once", async () => {
    const held = heldResolver();
    const lookup = boundedLookup({ timeoutMs: 50, resolve: held.resolve });
    const [first, second] = await Promise.all([ask(lookup, "a.test"), ask(lookup, "a.test")]);
    expect(first).toEqual({ code: "ETIMEOUT" });
    expect(second).toEqual({ code: "ETIMEOUT" });
    expect(held.started).toEqual(["a.test"]);
    // Still stuck: no new lookup, no new wait.
    expect(await ask(lookup, "a.test")).toEqual({ code: "ETIMEOUT" });
    expect(held.started).toEqual(["a.test"]);
    held.releaseAll();
    await tick();
    const answered = ask(lookup, "a.test");
    await tick();
    held.releaseAll();
    expect(await answered).toEqual({ address: "192.0.2.1" });
  });

  it("runs at most two lookups at once and never starts one every caller gave up on", async () => {
    const held = heldResolver();
    const lookup = boundedLookup({ timeoutMs: 50, resolve: held.resolve });
    const results = await Promise.all(["b.test", "c.test", "d.test"].map((h) => ask(lookup, h)));
    expect(results).toEqual([{ code: "ETIMEOUT" }, { code: "ETIMEOUT" }, { code: "ETIMEOUT" }]);
    expect(held.started).toEqual(["b.test", "c.test"]);
    held.releaseAll();
    await tick();
    expect(held.started).toEqual(["b.test", "c.test"]);
  });
});
