// Files the user names (policies, lab files, saved reports) that are not what they seem: a size of
// 0 that streams without end (/proc), a FIFO nobody writes to, a device (issue 10). Each is refused
// or cut at its byte limit; each run must end by itself well before the kill timeout.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildLib } from "../support/build.js";
import { runCliBinary, userEnv } from "../support/cli.js";

/** Each run is killed after this long; a killed run fails the test. */
const KILL_AFTER_MS = 20_000;

let dir: string;
let fifo: string;
beforeAll(async () => {
  await buildLib();
  dir = await mkdtemp(join(tmpdir(), "dd-adv-input-"));
  fifo = join(dir, "nobody-writes.json");
  await promisify(execFile)("mkfifo", [fifo]);
  await writeFile(
    join(dir, "policy.yaml"),
    "version: 1\ndomains:\n  example.com: { registrar: route53, dnsHost: route53 }\n",
  );
}, 300_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("files that are not regular files, or lie about their size", () => {
  it("10.8 /proc files, FIFOs and devices are refused or cut at the byte limit, never read without bound", async () => {
    const cases: ReadonlyArray<readonly [string[], RegExp]> = [
      [
        ["validate", "/proc/self/pagemap"],
        /\/proc\/self\/pagemap: error: the file has more than 16777216 bytes: policy files are limited to 16 MiB/,
      ],
      [
        ["merge", fifo],
        /nobody-writes\.json: cannot read a JSON report: a FIFO \(named pipe\), not a regular file/,
      ],
      [
        ["check", "--no-aws", "--root-hints", "/dev/zero", "policy.yaml"],
        /\/dev\/zero: error: cannot read root hints: a character device, not a regular file/,
      ],
      [
        ["check", "--no-aws", "--rdap-bootstrap", fifo, "policy.yaml"],
        /nobody-writes\.json: a FIFO \(named pipe\), not a regular file/,
      ],
      [
        ["check", "--no-aws", "--baseline", "/proc/self/pagemap", "policy.yaml"],
        /\/proc\/self\/pagemap: cannot read a JSON report: larger than 256 MiB/,
      ],
    ];
    const runs = await Promise.all(
      cases.map(([args]) =>
        runCliBinary(args, { cwd: dir, env: userEnv(dir), timeoutMs: KILL_AFTER_MS }),
      ),
    );
    runs.forEach((run, index) => {
      const [args, message] = cases[index] as (typeof cases)[number];
      expect(run.signal, `${args.join(" ")} had to be killed`).toBeNull();
      expect(run.exitCode, args.join(" ")).toBe(2);
      expect(`${run.stdout}${run.stderr}`, args.join(" ")).toMatch(message);
      expect(run.stderr, args.join(" ")).not.toMatch(/internal error|\n\s+at /);
    });
  }, 120_000);
});
