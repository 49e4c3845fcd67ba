// The one "is this path inside that directory" check, as written and through symbolic links, on a
// real directory tree.
import { mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPathInside, isPathInsideOrLinkedInto } from "../../src/files/contained.js";

describe("isPathInside", () => {
  it("holds for the directory itself and anything below it", () => {
    expect(isPathInside("/work/repo", "/work/repo")).toBe(true);
    expect(isPathInside("/work/repo/", "/work/repo")).toBe(true);
    expect(isPathInside("/work/repo/a/b.yaml", "/work/repo")).toBe(true);
    // A name that merely starts with two dots is still a name inside.
    expect(isPathInside("/work/repo/..hidden/x", "/work/repo")).toBe(true);
  });

  it("fails for the parent, siblings sharing a prefix, and escapes through ..", () => {
    expect(isPathInside("/work", "/work/repo")).toBe(false);
    expect(isPathInside("/work/repository/x", "/work/repo")).toBe(false);
    expect(isPathInside("/work/repo/a/../../other", "/work/repo")).toBe(false);
    expect(isPathInside("/elsewhere", "/work/repo")).toBe(false);
  });

  it("resolves relative paths against the working directory", () => {
    expect(isPathInside("policies/a.yaml", process.cwd())).toBe(true);
    expect(isPathInside("../outside", process.cwd())).toBe(false);
  });
});

describe("isPathInsideOrLinkedInto", () => {
  let root: string;
  let workspace: string;
  let outside: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "dd-contained-"));
    workspace = join(root, "workspace");
    outside = join(root, "outside");
    await mkdir(join(workspace, "lab"), { recursive: true });
    await mkdir(outside);
    await symlink(join(workspace, "lab"), join(outside, "into-workspace"));
    await symlink(outside, join(workspace, "out"));
    await symlink(workspace, join(root, "workspace-link"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("holds as written, even when a link leads out", async () => {
    expect(await isPathInsideOrLinkedInto(join(workspace, "lab/named.root"), workspace)).toBe(true);
    expect(await isPathInsideOrLinkedInto(join(workspace, "out/file"), workspace)).toBe(true);
  });

  it("holds through a link into the directory, for paths that do not exist yet", async () => {
    const linked = join(outside, "into-workspace", "not-yet", "named.root");
    expect(isPathInside(linked, workspace)).toBe(false);
    expect(await isPathInsideOrLinkedInto(linked, workspace)).toBe(true);
  });

  it("holds when the directory itself is named through a link", async () => {
    expect(
      await isPathInsideOrLinkedInto(join(workspace, "lab"), join(root, "workspace-link")),
    ).toBe(true);
  });

  it("fails for a path outside both as written and really", async () => {
    expect(await isPathInsideOrLinkedInto(join(outside, "named.root"), workspace)).toBe(false);
    expect(await isPathInsideOrLinkedInto(join(root, "workspace-other"), workspace)).toBe(false);
  });
});
