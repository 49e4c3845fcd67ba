// The package as npm publishes it (issue 15): `npm pack` in a copy of the working tree, whose
// prepack builds lib/ afresh; the packed file list against an allow-list; and the tarball installed
// into an empty project, where the CLI, the demo, `import` and `require` must work.
//
// No internet: the install resolves the dependency versions this repository locks, and npm reads
// their tarballs from its cache, where `npm ci` of the repository left them.
import { createHash } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliRun, runProcess } from "../support/cli.js";
import { offlineNpmEnv } from "../support/npm.js";
import { repoPath } from "../support/repo.js";
import { copyWorkingTree } from "../support/working-tree.js";

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly dependencies: Record<string, string>;
  readonly bin: Record<string, string>;
  readonly engines: Record<string, string>;
  readonly exports: Record<string, string | Record<string, string>>;
}

const PACKAGE = JSON.parse(await readFile(repoPath("package.json"), "utf8")) as PackageJson;

/**
 * Everything a user gets, and nothing else: the library and the CLI as JavaScript with their type
 * declarations, the reference data and schemas, and the demo's policies. No source maps (their
 * sources are not shipped), no build stamps, no Action (it is dist/, used from the repository).
 */
const ALLOWED = [
  /^(package\.json|README\.md|LICENSE)$/,
  /^examples\/demo\/[a-z0-9-]+\.yaml$/,
  /^lib\/(data|schemas)\/[a-z0-9-]+(\.schema)?\.json$/,
  /^lib\/(?!shells\/action\/)([a-z0-9-]+\/)*[a-z0-9-]+(\.generated)?\.(js|d\.ts)$/,
];

/** The lab's modules the demo needs (its name servers, RDAP server and AWS emulators). */
const DEMO_LAB = ["scenario", "internet", "dns-server", "rdap-server", "aws-emulator"];

/** Each test of the installed package runs npx or node, which can be slow on a busy machine. */
const RUN_TIMEOUT_MS = 60_000;

let work: string;
let tarball: string;
let packed: string[];

function npm(args: readonly string[], cwd: string, timeoutMs = 60_000): Promise<CliRun> {
  return runProcess(["npm", ...args], { cwd, env: offlineNpmEnv(work), timeoutMs });
}

function expectSuccess(run: CliRun, what: string): void {
  expect(run.exitCode, `${what}:\n${run.stdout}${run.stderr}`).toBe(0);
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "domain-drift-pack-"));
  const clone = join(work, "clone");
  await copyWorkingTree(clone);
  // prepack needs the compiler: the repository's development dependencies, not a copy of them.
  await symlink(repoPath("node_modules"), join(clone, "node_modules"));
  const run = await npm(["pack", "--json", "--pack-destination", work], clone, 120_000);
  expectSuccess(run, "npm pack");
  // Lifecycle scripts print to stdout too: the JSON is the last thing npm pack prints.
  const [result] = JSON.parse(run.stdout.slice(run.stdout.lastIndexOf("\n[\n") + 1)) as [
    { filename: string; files: { path: string }[] },
  ];
  tarball = join(work, result.filename);
  packed = result.files.map((file) => file.path).sort();
}, 180_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe("npm pack", () => {
  it("packs only what the allow-list names", () => {
    expect(packed.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)))).toEqual([]);
  });

  it("packs the entry points package.json names, and a declaration for each module", () => {
    const targets = [
      ...Object.values(PACKAGE.bin),
      ...Object.values(PACKAGE.exports).flatMap((target) =>
        typeof target === "string" ? [target] : Object.values(target),
      ),
    ].map((target) => target.replace(/^\.\//, ""));
    expect(packed).toEqual(expect.arrayContaining(targets));
    const modules = packed.filter((file) => file.endsWith(".js"));
    expect(packed).toEqual(
      expect.arrayContaining(modules.map((file) => file.replace(/\.js$/, ".d.ts"))),
    );
  });

  it("packs the demo with its policies and the lab it runs, and no other lab or test code", () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        "lib/shells/cli/commands/demo.js",
        "lib/shells/demo/run-demo.js",
        "examples/demo/northwind.yaml",
        ...DEMO_LAB.map((module) => `lib/lab/${module}.js`),
      ]),
    );
    // The WHOIS server is the tests' alone: the demo's registries all speak RDAP.
    expect(packed).not.toContain("lib/lab/whois-server.js");
  });
});

describe("the packed tarball, installed into an empty project", { timeout: RUN_TIMEOUT_MS }, () => {
  let project: string;

  /** `npx domain-drift ...` in the project, as a user runs it. */
  const npx = (args: readonly string[]) =>
    runProcess(["npx", "domain-drift", ...args], {
      cwd: project,
      env: offlineNpmEnv(work),
      timeoutMs: RUN_TIMEOUT_MS,
    });
  const node = (args: readonly string[]) =>
    runProcess([process.execPath, ...args], { cwd: project, env: offlineNpmEnv(work) });

  beforeAll(async () => {
    project = join(work, "project");
    await mkdir(project);
    const dependency = `file:../${tarball.slice(work.length + 1)}`;
    const manifest = { name: "consumer", version: "1.0.0", private: true };
    await writeFile(
      join(project, "package.json"),
      JSON.stringify({ ...manifest, dependencies: { "domain-drift": dependency } }),
    );
    await writeFile(
      join(project, "package-lock.json"),
      JSON.stringify(await consumerLockfile(manifest, dependency)),
    );
    expectSuccess(await npm(["ci"], project, 120_000), "npm ci in the project");
  }, 180_000);

  it("runs `npx domain-drift --help`", async () => {
    const run = await npx(["--help"]);
    expectSuccess(run, "--help");
    expect(run.stdout).toMatch(/^Usage: domain-drift \[options\] \[command\]/);
    expect(run.stdout).toMatch(/^ {2}demo /m);
  });

  it("validates the user's policies/ by default", async () => {
    await mkdir(join(project, "policies"));
    await copyFile(repoPath("examples", "third-party.yaml"), join(project, "policies", "a.yaml"));
    const run = await npx(["validate"]);
    expectSuccess(run, "validate");
    expect(run.stdout).toBe("1 file, 3 domains: valid\n");
  });

  it("runs the demo from the package, with its policies", async () => {
    const run = await npx(["demo"]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("examples/demo/northwind.yaml");
    expect(run.stdout).toContain("The exit code, 1, is what a CI job");
    expect(run.exitCode).toBe(1);
  });

  it("is a library for ES modules and CommonJS alike", async () => {
    const esm = await node([
      "--input-type=module",
      "-e",
      `import * as dd from "domain-drift";
       import schema from "domain-drift/schemas/policy-v1.schema.json" with { type: "json" };
       console.log(JSON.stringify({ exports: Object.keys(dd).sort(), schema: schema.title }));`,
    ]);
    const cjs = await node([
      "-e",
      `const dd = require("domain-drift");
       const schema = require("domain-drift/schemas/policy-v1.schema.json");
       console.log(JSON.stringify({ exports: Object.keys(dd).sort(), schema: schema.title }));`,
    ]);
    expectSuccess(esm, "import");
    expectSuccess(cjs, "require");
    const imported = JSON.parse(esm.stdout) as { exports: string[]; schema: string };
    expect(imported.exports).toEqual(expect.arrayContaining(["runCheck", "loadPolicies"]));
    expect(imported.schema).toEqual(expect.any(String));
    expect(JSON.parse(cjs.stdout)).toEqual(imported);
  });
});

/**
 * The project's lockfile: the tarball, and the repository's locked production dependencies at
 * the same places in node_modules/. With every version pinned, `npm ci` needs no registry
 * metadata, only the tarballs already in npm's cache.
 */
async function consumerLockfile(manifest: object, dependency: string): Promise<object> {
  const repoLock = JSON.parse(await readFile(repoPath("package-lock.json"), "utf8")) as {
    packages: Record<string, { dev?: boolean }>;
  };
  const production = Object.entries(repoLock.packages).filter(
    ([path, entry]) => path.startsWith("node_modules/") && entry.dev !== true,
  );
  const integrity = `sha512-${createHash("sha512")
    .update(await readFile(tarball))
    .digest("base64")}`;
  return {
    ...manifest,
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { ...manifest, dependencies: { "domain-drift": dependency } },
      "node_modules/domain-drift": {
        version: PACKAGE.version,
        resolved: dependency,
        integrity,
        dependencies: PACKAGE.dependencies,
        bin: PACKAGE.bin,
        engines: PACKAGE.engines,
      },
      ...Object.fromEntries(production),
    },
  };
}
