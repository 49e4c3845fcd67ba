// The pipeline's scheduling: the live observations (DNS walk, RDAP) hold the concurrency slots, the
// AWS observations do not. The observers here are plain objects that hand out observation values
// when a test opens a gate; the pipeline, the rules and the judging are the real ones.
import { describe, expect, it } from "vitest";
import { maxDomainsInProgress, runCheck } from "../../src/check/check.js";
import type { DelegationObservation } from "../../src/observe/dns/types.js";
import type { Observers } from "../../src/observe/observers.js";
import type {
  DomainRegistrationObservation,
  HostedZonesObservation,
} from "../../src/observe/providers/route53/types.js";
import type { PolicySet } from "../../src/policy/types.js";
import {
  delegated,
  intent,
  NOW,
  observations,
  rdapRegistered,
  route53Answering,
} from "../support/observations.js";
import { catalog } from "../support/rules.js";

const NAMES = ["alpha.com", "bravo.com", "charlie.com", "delta.com"];

function policySet(names: readonly string[]): PolicySet {
  return {
    files: ["policies/p.yaml"],
    domains: names.map((name) => intent({ name, unicode: name })),
    accounts: new Map(),
    waivers: [],
    catalog,
  };
}

/** A promise a test resolves when it chooses. */
function gate(): { opened: Promise<void>; open(): void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

interface GatedWorld {
  readonly observers: Observers;
  /** Domains walked so far, in the order their walks ended. */
  readonly walked: string[];
  /** The most walks in progress at one time. */
  mostWalkingAtOnce(): number;
  /** Resolves when `count` walks have ended. */
  walkedAtLeast(count: number): Promise<void>;
  /** Lets every AWS observation, waiting or to come, answer. */
  openAws(): void;
}

/** Healthy Route 53 observations for any domain; the AWS ones wait for `openAws()`. */
function gatedWorld(): GatedWorld {
  const healthy = observations();
  const awsGate = gate();
  const walked: string[] = [];
  const waiters: { count: number; open(): void }[] = [];
  let walking = 0;
  let most = 0;
  return {
    walked,
    mostWalkingAtOnce: () => most,
    walkedAtLeast(count) {
      const waiter = { count, ...gate() };
      waiters.push(waiter);
      if (walked.length >= count) waiter.open();
      return waiter.opened;
    },
    openAws: awsGate.open,
    observers: {
      delegation: {
        async walk(name): Promise<DelegationObservation> {
          walking += 1;
          most = Math.max(most, walking);
          await new Promise((resolve) => setImmediate(resolve));
          walking -= 1;
          walked.push(name);
          for (const waiter of waiters) if (walked.length >= waiter.count) waiter.open();
          return delegated(undefined, undefined, name);
        },
      },
      rdap: {
        kind: "enabled",
        source: { lookup: async (name) => rdapRegistered({ domain: name }) },
      },
      // As account listings behind a low rate limit would: nothing until the gate opens.
      providers: route53Answering({
        async registration(domain): Promise<DomainRegistrationObservation> {
          await awsGate.opened;
          const registered = healthy.registration;
          if (registered.kind !== "registered") throw new Error("fixture");
          return { ...registered, detail: { ...registered.detail, name: domain } };
        },
        async zones(domain): Promise<HostedZonesObservation> {
          await awsGate.opened;
          const found = healthy.hostedZones;
          if (found.kind !== "found") throw new Error("fixture");
          return { ...found, zones: found.zones.map((z) => ({ ...z, name: domain })) };
        },
        apexNameservers: async () => {
          throw new Error("not expected: the live DNS shows every zone");
        },
      }),
    },
  };
}

function check(world: GatedWorld, names: readonly string[], onDone: (done: number) => void) {
  return runCheck({
    policySet: policySet(names),
    observers: world.observers,
    failOn: "high",
    inventory: false,
    selection: { only: undefined, shard: undefined },
    domainsObservedAtOnce: 1,
    now: NOW,
    onProgress: (p) => onDone(p.done),
    stats: () => ({ dnsQueries: 0, rdapRequests: 0, awsCalls: {} }),
  });
}

describe("check pipeline scheduling", () => {
  it("walks every domain while the AWS observations are still waiting, one slot at a time", async () => {
    const world = gatedWorld();
    const progress: number[] = [];
    const run = check(world, NAMES, (done) => progress.push(done));

    // Every walk ends with the AWS answers still held back: no domain keeps its slot.
    await world.walkedAtLeast(NAMES.length);
    expect([...world.walked].sort()).toEqual([...NAMES].sort());
    expect(world.mostWalkingAtOnce()).toBe(1);
    expect(progress).toEqual([]);

    world.openAws();
    const report = await run;
    expect(progress).toEqual([1, 2, 3, 4]);
    expect(report.domains.map((d) => [d.domain, d.status])).toEqual(
      [...NAMES].sort().map((name) => [name, "compliant"]),
    );
  });

  it("runs ahead of AWS by a bounded number of domains", async () => {
    const bound = maxDomainsInProgress(1);
    const names = Array.from({ length: bound + 50 }, (_, i) => `d${i}.com`);
    const world = gatedWorld();
    let done = 0;
    const run = check(world, names, (count) => {
      done = count;
    });

    await world.walkedAtLeast(bound);
    // Each walk takes one turn of the event loop; give the next ones many turns to start.
    for (let turn = 0; turn < 100; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(world.walked).toHaveLength(bound);
    expect(done).toBe(0);

    world.openAws();
    const report = await run;
    expect(world.walked).toHaveLength(names.length);
    expect(report.summary.compliant).toBe(names.length);
  });
});
