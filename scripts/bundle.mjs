// Bundles the GitHub Action into one ESM file, dist/index.js, with the licenses of the bundled
// packages in dist/licenses.txt. `--outdir DIR` writes elsewhere (the freshness test compares).
// The output is deterministic: the same sources and dependencies give the same bytes.
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { outdir: { type: "string", default: "dist" } } });
const outdir = path.resolve(root, values.outdir);

const result = await build({
  absWorkingDir: root,
  entryPoints: ["src/shells/action/index.ts"],
  outfile: path.join(outdir, "index.js"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  // CommonJS dependencies call require(); an ESM bundle has none unless it makes one.
  banner: {
    js: 'import { createRequire as __bundleCreateRequire } from "node:module";\nconst require = __bundleCreateRequire(import.meta.url);',
  },
  legalComments: "none",
  charset: "utf8",
  metafile: true,
  logLevel: "warning",
});

/** The package directory of a bundled file: the path up to the last node_modules/<name>. */
function packageDirOf(input) {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1];
}

async function licenseText(dir) {
  const names = await readdir(path.join(root, dir));
  const file = names.filter((name) => /^licen[cs]e/i.test(name)).sort()[0];
  return file === undefined
    ? undefined
    : (await readFile(path.join(root, dir, file), "utf8")).trim();
}

const dirs = [...new Set(Object.keys(result.metafile.inputs).map(packageDirOf).filter(Boolean))];
const packages = [];
for (const dir of dirs) {
  const manifest = JSON.parse(await readFile(path.join(root, dir, "package.json"), "utf8"));
  packages.push({
    id: `${manifest.name}@${manifest.version}`,
    license: typeof manifest.license === "string" ? manifest.license : "see the license text",
    text: (await licenseText(dir)) ?? "(the package ships no license file)",
  });
}
packages.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
const unique = packages.filter((p, i) => i === 0 || packages[i - 1].id !== p.id);
const notice = [
  "dist/index.js bundles domain-drift (MIT) with these packages, under their own licenses.",
  ...unique.map((p) => `\n${"=".repeat(72)}\n${p.id} (${p.license})\n\n${p.text}`),
].join("\n");
await writeFile(path.join(outdir, "licenses.txt"), `${notice}\n`);
