// Which lab files the Action refuses: only in pull-request mode, only inside the workspace (the
// refusal itself, end to end, is in pull-request.test.ts).
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { labFilesInWorkspace } from "../../../src/shells/action/lab-files.js";

let root: string;
let workspace: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "dd-lab-files-"));
  workspace = join(root, "workspace");
  await mkdir(workspace);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("labFilesInWorkspace", () => {
  const inside = {
    rootHints: "lab/named.root",
    rdapBootstrap: "lab/dns.json",
    registries: "lab/registries.json",
  };

  it("accepts files outside the workspace in pull-request mode", async () => {
    const outside = {
      rootHints: join(root, "named.root"),
      rdapBootstrap: join(workspace, "..", "dns.json"),
      registries: join(root, "registries.json"),
    };
    expect(await labFilesInWorkspace(outside, "pull-request", workspace)).toBeUndefined();
    const unset = { rootHints: undefined, rdapBootstrap: undefined, registries: undefined };
    expect(await labFilesInWorkspace(unset, "pull-request", workspace)).toBeUndefined();
  });

  it("accepts files inside the workspace in scan mode, which runs on your own branches", async () => {
    expect(await labFilesInWorkspace(inside, "scan", workspace)).toBeUndefined();
  });

  it("names each file inside the workspace in pull-request mode", async () => {
    expect(
      await labFilesInWorkspace(
        { rootHints: "lab/named.root", rdapBootstrap: undefined, registries: undefined },
        "pull-request",
        workspace,
      ),
    ).toMatch(/^root-hints lab\/named\.root is inside the workspace/);
    expect(
      await labFilesInWorkspace(
        { rootHints: undefined, rdapBootstrap: undefined, registries: "lab/registries.json" },
        "pull-request",
        workspace,
      ),
    ).toMatch(/^registries lab\/registries\.json is inside the workspace/);
    expect(await labFilesInWorkspace(inside, "pull-request", workspace)).toMatch(
      /^root-hints lab\/named\.root, rdap-bootstrap lab\/dns\.json and registries lab\/registries\.json are inside the workspace/,
    );
  });
});
