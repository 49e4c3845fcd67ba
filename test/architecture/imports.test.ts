// Keeps the layering of docs/architecture.md: the renderers are used by the shells only, and the
// text sanitiser every layer prints through depends on nothing of the project.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../src");

/** Every TypeScript module under src/, relative to it with `/` separators. */
const modules = readdirSync(SRC, { recursive: true, encoding: "utf8" })
  .filter((name) => name.endsWith(".ts"))
  .map((name) => name.split(path.sep).join("/"));

/** The project modules `module` imports (static and dynamic), relative to src/. */
function projectImports(module: string): string[] {
  const text = readFileSync(path.join(SRC, module), "utf8");
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map(
    (match) => match[1] as string,
  );
  return specifiers.map((specifier) =>
    path.posix.join(path.posix.dirname(module), specifier).replace(/\.js$/, ".ts"),
  );
}

const SHELLS = ["shells/", "index.ts"];

describe("module layering", () => {
  it("finds the modules and their imports", () => {
    expect(modules).toContain("text/sanitize.ts");
    expect(projectImports("policy/diagnostics.ts")).toContain("text/sanitize.ts");
  });

  it("lets only the shells and the renderers themselves import from report/render", () => {
    const offenders = modules
      .filter((module) => !module.startsWith("report/render/"))
      .filter((module) => !SHELLS.some((shell) => module.startsWith(shell)))
      .flatMap((module) =>
        projectImports(module)
          .filter((target) => target.startsWith("report/render/"))
          .map((target) => `${module} imports ${target}`),
      );
    expect(offenders).toEqual([]);
  });

  it("keeps src/text free of imports from the rest of the project", () => {
    const offenders = modules
      .filter((module) => module.startsWith("text/"))
      .flatMap((module) =>
        projectImports(module)
          .filter((target) => !target.startsWith("text/"))
          .map((target) => `${module} imports ${target}`),
      );
    expect(offenders).toEqual([]);
  });
});
