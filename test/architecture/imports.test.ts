// Keeps the layering of docs/architecture.md: every module of src/ belongs to a layer, and imports
// (static, dynamic and type-only alike) go only to its own layer or the layers below it. On top of
// that order: the foundation folders are leaves, the observers are independent of one another, the
// pure middle reads the observers' contracts only (never their sockets and SDKs), nothing imports a
// shell, the lab stays out of the library, and only the shells use the renderers.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../src");

/** Every TypeScript module under src/, relative to it with `/` separators. */
const modules = readdirSync(SRC, { recursive: true, encoding: "utf8" })
  .filter((name) => name.endsWith(".ts"))
  .map((name) => name.split(path.sep).join("/"))
  .sort();

/** The project files `module` imports (static and dynamic), relative to src/. */
function projectImports(module: string): string[] {
  const text = readFileSync(path.join(SRC, module), "utf8");
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map(
    (match) => match[1] as string,
  );
  return specifiers.map((specifier) =>
    path.posix.join(path.posix.dirname(module), specifier).replace(/\.js$/, ".ts"),
  );
}

const imports = new Map(modules.map((module) => [module, projectImports(module)]));

/**
 * The layers, bottom to top; a file belongs to the layer of its longest matching prefix. The order
 * is the pipeline's: observers know nothing of policy, the data loaders parse with the observers'
 * parsers, the catalog and the policy build on names and data, the report model is the vocabulary
 * the judge and everything above share, the check pipeline drives observers and judge, init drives
 * the pipeline, the lab simulates the internet, and the shells sit on top of everything.
 */
const LAYERS: ReadonlyArray<{ readonly name: string; readonly prefixes: readonly string[] }> = [
  {
    name: "foundation",
    prefixes: ["text/", "net/", "files/", "names/", "schemas/", "version.ts"],
  },
  { name: "observe", prefixes: ["observe/"] },
  { name: "data", prefixes: ["data/"] },
  { name: "catalog", prefixes: ["catalog/"] },
  { name: "policy", prefixes: ["policy/"] },
  { name: "report/model", prefixes: ["report/model/"] },
  { name: "judge/rules", prefixes: ["judge/rules/"] },
  { name: "judge", prefixes: ["judge/"] },
  { name: "report", prefixes: ["report/"] },
  { name: "check", prefixes: ["check/"] },
  { name: "init", prefixes: ["init/"] },
  { name: "lab", prefixes: ["lab/"] },
  { name: "shells", prefixes: ["shells/", "index.ts"] },
];

/** The index of a file's layer in LAYERS, or -1 for a file of no layer. */
function layerOf(file: string): number {
  let best = { index: -1, length: -1 };
  LAYERS.forEach((layer, index) => {
    for (const prefix of layer.prefixes) {
      const matches = prefix.endsWith("/") ? file.startsWith(prefix) : file === prefix;
      if (matches && prefix.length > best.length) best = { index, length: prefix.length };
    }
  });
  return best.index;
}

const layerName = (file: string) => LAYERS[layerOf(file)]?.name ?? "(none)";

/**
 * The folder a foundation file or an observer lives in: `names/`, `observe/dns/`, and for a
 * provider adapter its own folder, `observe/providers/route53/`.
 */
function homeOf(file: string): string {
  const parts = file.split("/");
  if (parts[0] === "observe" && parts[1] === "providers" && parts.length > 3) {
    return `observe/providers/${parts[2]}/`;
  }
  return parts[0] === "observe" && parts.length > 2 ? `observe/${parts[1]}/` : `${parts[0]}/`;
}

/**
 * What the observers publish for the layers between them and the pipeline: the observations, the
 * observers' types, and the one pure helper that words a server's answer. Pure: no sockets, SDKs,
 * clocks or caches, and no imports but these.
 */
function isObserverContract(file: string): boolean {
  return (
    file === "observe/observations.ts" ||
    /^observe\/(?:providers\/)?[a-z0-9-]+\/types\.ts$/.test(file) ||
    file === "observe/dns/describe.ts"
  );
}

/**
 * The provider adapters' shared ground: each adapter folder under observe/providers/ may read the
 * provider contract and the listing helpers the account-listing adapters share, and only the registry reaches into the folders, for each adapter's descriptor
 * and its opener (one registration per provider).
 */
const PROVIDERS = "observe/providers/";
const PROVIDER_CONTRACT = [
  "observe/providers/types.ts",
  "observe/providers/default-account.ts",
  "observe/providers/account-listing.ts",
];
const PROVIDER_REGISTRY = "observe/providers/registry.ts";
const REGISTERED = /^observe\/providers\/[a-z0-9]+\/(?:descriptor|provider)\.ts$/;

/**
 * Observers built on another observer's machinery, by folder: record parity asks known servers
 * directly through the DNS observer's client and reads replies with its wire readers, rather than
 * carrying a second DNS client.
 */
const BUILT_ON: ReadonlyMap<string, string> = new Map([["observe/record-parity/", "observe/dns/"]]);

/** The layers that judge and report without I/O: they may read the observers' contracts only. */
const PURE_MIDDLE = ["catalog", "policy", "report/model", "judge/rules", "judge", "report"];

/**
 * The HTML report's page script: browser code (DOM, no Node), bundled by
 * scripts/build-html-client.mjs into report/render/html/client-script.generated.ts, which is how
 * the renderer inlines it. It may read the page data's types and nothing else of the project.
 */
const PAGE_SCRIPT = "report/render/html/client/";
const PAGE_DATA = "report/render/html/page-data.ts";

/** `module imports target` for every import of `modules` that `allowed` refuses. */
function offenders(
  selected: (module: string) => boolean,
  allowed: (module: string, target: string) => boolean,
): string[] {
  return modules
    .filter(selected)
    .flatMap((module) =>
      (imports.get(module) ?? [])
        .filter((target) => !allowed(module, target))
        .map(
          (target) => `${module} (${layerName(module)}) imports ${target} (${layerName(target)})`,
        ),
    );
}

/** Every module `entry` reaches through imports, itself included. */
function reachableFrom(entry: string, stopAt: ReadonlySet<string> = new Set()): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    if (!stopAt.has(next)) queue.push(...(imports.get(next) ?? []));
  }
  return seen;
}

describe("module layering", () => {
  it("finds the modules and their imports, static and dynamic", () => {
    expect(modules).toContain("text/sanitize.ts");
    expect(imports.get("policy/diagnostics.ts")).toContain("text/sanitize.ts");
    expect(imports.get("check/session.ts")).toContain("observe/rdap/observer.ts");
  });

  it("puts every module in a layer", () => {
    expect(modules.filter((module) => layerOf(module) === -1)).toEqual([]);
  });

  it("imports only from a module's own layer and the layers below it", () => {
    expect(
      offenders(
        () => true,
        (module, target) => layerOf(target) !== -1 && layerOf(target) <= layerOf(module),
      ),
    ).toEqual([]);
  });

  it("keeps the foundation folders leaves: each imports nothing of the project but itself", () => {
    expect(
      offenders(
        (module) => layerName(module) === "foundation",
        (module, target) => homeOf(target) === homeOf(module),
      ),
    ).toEqual([]);
  });

  it("keeps the observers independent of one another", () => {
    expect(
      offenders(
        (module) => homeOf(module).startsWith("observe/") && homeOf(module) !== "observe/",
        (module, target) =>
          !target.startsWith("observe/") ||
          homeOf(target) === homeOf(module) ||
          BUILT_ON.get(homeOf(module)) === homeOf(target) ||
          (homeOf(module).startsWith(PROVIDERS) && PROVIDER_CONTRACT.includes(target)) ||
          (module === PROVIDER_REGISTRY && REGISTERED.test(target)),
      ),
    ).toEqual([]);
  });

  it("lets the pure middle read the observers' contracts, never their I/O", () => {
    expect(
      offenders(
        (module) => PURE_MIDDLE.includes(layerName(module)) || isObserverContract(module),
        (_, target) => !target.startsWith("observe/") || isObserverContract(target),
      ),
    ).toEqual([]);
  });

  it("lets nothing import a shell (the demo runs the real CLI)", () => {
    expect(
      offenders(
        () => true,
        (module, target) =>
          !target.startsWith("shells/") ||
          homeOf(target) === homeOf(module) ||
          (module.startsWith("shells/demo/") && target.startsWith("shells/cli/")),
      ),
    ).toEqual([]);
  });

  it("keeps the lab out of the library: only the demo shell imports it, loaded on demand", () => {
    expect(
      offenders(
        (module) => !module.startsWith("lab/") && !module.startsWith("shells/demo/"),
        (_, target) => !target.startsWith("lab/"),
      ),
    ).toEqual([]);
    // The CLI reaches the demo only through `domain-drift demo`, which loads it when it runs.
    const demoCommand = "shells/cli/commands/demo.ts";
    for (const [entry, stopAt] of [
      ["index.ts", new Set<string>()],
      ["shells/action/index.ts", new Set<string>()],
      ["shells/cli/main.ts", new Set([demoCommand])],
    ] as const) {
      const reached = [...reachableFrom(entry, stopAt)].filter(
        (module) => module.startsWith("lab/") || module.startsWith("shells/demo/"),
      );
      expect(reached, entry).toEqual([]);
    }
    const demoCommandText = readFileSync(path.join(SRC, demoCommand), "utf8");
    expect(demoCommandText).toContain('await import("../../demo/run-demo.js")');
    expect(demoCommandText).not.toMatch(/^import .*demo\//m);
  });

  it("lets only the shells and the renderers themselves import from report/render", () => {
    expect(
      offenders(
        (module) => !module.startsWith("report/render/") && layerName(module) !== "shells",
        (_, target) => !target.startsWith("report/render/"),
      ),
    ).toEqual([]);
  });

  it("keeps the HTML page script to itself: it runs in a browser, reached only as a bundled string", () => {
    const isClient = (file: string) => file.startsWith(PAGE_SCRIPT);
    expect(offenders(isClient, (_, target) => isClient(target) || target === PAGE_DATA)).toEqual(
      [],
    );
    expect(
      offenders(
        (module) => !isClient(module),
        (_, target) => !isClient(target),
      ),
    ).toEqual([]);
  });

  it("keeps src/text free of imports from the rest of the project", () => {
    expect(
      offenders(
        (module) => module.startsWith("text/"),
        (_, target) => target.startsWith("text/"),
      ),
    ).toEqual([]);
  });
});
