// `npm run bench:hostile`: how long the matcher and the DNSSEC validator take on input built to
// make them slow. The tests check what they answer (test/catalog/nameserver-pattern.test.ts,
// test/dnssec/hostile.test.ts); the time bounds live here, where a loaded machine can be told
// apart from a slow algorithm by running again, and where no unrelated test run flakes on them.
// Each case runs five times; the fastest run must stay within its bound, else the exit code is 1.
import { compileNameserverPatterns } from "../src/catalog/nameserver-pattern.js";
import { validateDelegation } from "../src/observe/dns/dnssec/index.js";
import { HOSTILE_PATTERNS } from "../test/catalog/hostile-patterns.js";
import { rrsigFlood, sharedKeyTags } from "../test/dnssec/support/hostile.js";

interface Case {
  readonly name: string;
  readonly boundMs: number;
  /** Builds the input (not timed) and returns the work to time. */
  readonly prepare: () => () => unknown;
}

const RUNS = 5;

const CASES: readonly Case[] = [
  ...HOSTILE_PATTERNS.map(([pattern, name]) => ({
    name: `name-server pattern ${pattern} against a ${name.length}-character name`,
    boundMs: 100,
    prepare: () => {
      const matches = compileNameserverPatterns([pattern]);
      return () => matches(name);
    },
  })),
  {
    name: "DNSSEC: 10,000 forged RRSIGs over the DNSKEY RRset",
    boundMs: 2_000,
    prepare: () => {
      const input = rrsigFlood(1);
      return () => validateDelegation(input);
    },
  },
  {
    name: "DNSSEC: 40 keys sharing the KSK's key tag, 16 forged RRSIGs per RRset",
    boundMs: 2_000,
    prepare: () => {
      const input = sharedKeyTags(2);
      return () => validateDelegation(input);
    },
  },
];

let failed = false;
for (const { name, boundMs, prepare } of CASES) {
  let fastest = Number.POSITIVE_INFINITY;
  for (let run = 0; run < RUNS; run++) {
    const work = prepare();
    const started = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - started);
  }
  const over = fastest > boundMs;
  failed ||= over;
  console.log(`${over ? "SLOW" : "ok  "} ${fastest.toFixed(1)} ms (bound ${boundMs} ms)  ${name}`);
}
process.exit(failed ? 1 : 0);
