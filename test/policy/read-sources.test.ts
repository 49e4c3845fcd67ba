import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readPolicySources } from "../../src/policy/read-sources.js";

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "domain-drift-read-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function write(relative: string, text = "version: 1\n"): Promise<void> {
  await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
  await writeFile(path.join(root, relative), text);
}

const paths = (result: Awaited<ReturnType<typeof readPolicySources>>) =>
  result.sources.map((source) => source.path);

describe("readPolicySources", () => {
  it("walks directories recursively in code-unit order, .yaml and .yml only", async () => {
    for (const file of [
      "p/b.yaml",
      "p/a.yml",
      "p/B.YAML",
      "p/sub/c.yaml",
      "p/z/d.yaml",
      "p/notes.txt",
      "p/x.json",
    ]) {
      await write(file);
    }
    const result = await readPolicySources(["./p/"], { cwd: root });
    expect(result.diagnostics).toEqual([]);
    expect(paths(result)).toEqual([
      "p/B.YAML",
      "p/a.yml",
      "p/b.yaml",
      "p/sub/c.yaml",
      "p/z/d.yaml",
    ]);
    expect(new TextDecoder().decode(result.sources[0]?.bytes)).toBe("version: 1\n");
  });

  it("skips .git and node_modules, and reads a file named twice only once", async () => {
    for (const file of [
      "p/a.yaml",
      "p/.git/x.yaml",
      "p/node_modules/pkg/y.yaml",
      "p/.hidden/z.yaml",
    ])
      await write(file);
    const result = await readPolicySources(["p", "p/a.yaml"], { cwd: root });
    expect(paths(result)).toEqual(["p/.hidden/z.yaml", "p/a.yaml"]);
  });

  it("does not follow symlinked directories, so loops end", async () => {
    await write("p/a.yaml");
    await symlink(path.join(root, "p"), path.join(root, "p/loop"));
    await symlink(path.join(root, "p"), path.join(root, "p/loop.yaml"));
    await write("p/shared/real.txt");
    await symlink(path.join(root, "p/shared/real.txt"), path.join(root, "p/linked.yaml"));
    const result = await readPolicySources(["p"], { cwd: root });
    expect(result.diagnostics).toEqual([]);
    expect(paths(result)).toEqual(["p/a.yaml", "p/linked.yaml"]);
  });

  it("refuses symlinked files leading out of the directory, without reading them", async () => {
    const secret = "aws_secret_access_key: wJalrXUtnFEMI/K7MDENG\n";
    await write("outside/credentials.yaml", secret);
    await write("checkout/policies/a.yaml");
    await symlink(
      path.join(root, "outside/credentials.yaml"),
      path.join(root, "checkout/policies/absolute.yaml"),
    );
    await symlink("../../outside/credentials.yaml", path.join(root, "checkout/policies/rel.yml"));
    // Out and back in through the directory's own real path is still inside.
    await symlink(
      path.join(root, "checkout/policies/a.yaml"),
      path.join(root, "checkout/policies/b.yaml"),
    );
    // A symlinked directory argument: its real path is what links are judged against.
    await symlink(path.join(root, "checkout/policies"), path.join(root, "via-link"));
    // The files next to the policies are outside it too.
    await write("checkout/README.yaml");
    await symlink("../README.yaml", path.join(root, "checkout/policies/up.yaml"));

    for (const [argument, shown] of [
      ["checkout/policies", "checkout/policies"],
      ["via-link/", "via-link"],
    ] as const) {
      const result = await readPolicySources([argument], { cwd: root });
      expect(paths(result)).toEqual([`${shown}/a.yaml`, `${shown}/b.yaml`]);
      expect(result.diagnostics).toEqual(
        ["absolute.yaml", "rel.yml", "up.yaml"].map((name) => ({
          file: `${shown}/${name}`,
          line: undefined,
          column: undefined,
          severity: "error",
          code: "symlink-outside-directory",
          message: `a symbolic link to a file outside \`${argument}\`: not read (name the file itself to read it)`,
        })),
      );
      expect(JSON.stringify(result)).not.toContain("wJalrXUtnFEMI");
    }

    // Named explicitly, the link is read: the user chose that file.
    const named = await readPolicySources(["checkout/policies/absolute.yaml"], { cwd: root });
    expect(named.diagnostics).toEqual([]);
    expect(new TextDecoder().decode(named.sources[0]?.bytes)).toBe(secret);
  });

  it("reads an explicitly named file whatever its extension", async () => {
    await write("policy.txt", "version: 1\ndomains: {}\n");
    const result = await readPolicySources(["policy.txt"], { cwd: root });
    expect(paths(result)).toEqual(["policy.txt"]);
  });

  it("reports missing paths, empty directories and non-files, and keeps what it could read", async () => {
    await write("good/a.yaml");
    await mkdir(path.join(root, "empty"));
    await write("only-text/readme.md", "# no policies\n");
    const result = await readPolicySources(
      ["missing", "good", "empty", "only-text", "good/a.yaml/x", "/dev/null"],
      {
        cwd: root,
      },
    );
    expect(paths(result)).toEqual(["good/a.yaml"]);
    expect(result.diagnostics.map((d) => [d.file, d.code, d.line])).toEqual([
      ["missing", "path-not-found", undefined],
      ["empty", "no-policy-files", undefined],
      ["only-text", "no-policy-files", undefined],
      ["good/a.yaml/x", "path-not-found", undefined],
      ["/dev/null", "not-a-policy-path", undefined],
    ]);
  });

  it("refuses files over the size limit without reading them", async () => {
    await write("p/big.yaml", `version: 1\n# ${"x".repeat(2000)}\n`);
    await write("p/small.yaml");
    const result = await readPolicySources(["p"], { cwd: root, limits: { maxFileBytes: 1024 } });
    expect(paths(result)).toEqual(["p/small.yaml"]);
    expect(result.diagnostics).toEqual([
      {
        file: "p/big.yaml",
        line: undefined,
        column: undefined,
        severity: "error",
        code: "file-too-large",
        message: "the file is 2014 bytes: policy files are limited to 1024 bytes",
      },
    ]);
  });

  it("stops at the file-count limit with one diagnostic", async () => {
    for (let index = 0; index < 5; index++) await write(`p/f${index}.yaml`);
    await write("q/g.yaml");
    const result = await readPolicySources(["p", "q"], { cwd: root, limits: { maxFiles: 3 } });
    expect(paths(result)).toEqual(["p/f0.yaml", "p/f1.yaml", "p/f2.yaml"]);
    expect(result.diagnostics.map((d) => [d.file, d.code, d.message])).toEqual([
      ["p/f3.yaml", "too-many-files", "more than 3 policy files: stopped reading here"],
    ]);
  });
});
