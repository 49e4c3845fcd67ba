import { afterEach, describe, expect, it, vi } from "vitest";
import { missingTool, REQUIRE_TOOLS } from "./tools.js";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("missingTool", () => {
  it("lets a suite run when nothing is missing, whatever the environment", () => {
    vi.stubEnv(REQUIRE_TOOLS, "1");
    expect(missingTool("suite", undefined)).toBe(false);
  });

  it("skips with the reason printed, unless tools are required", () => {
    vi.stubEnv(REQUIRE_TOOLS, "");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(missingTool("interop", "NSD is not installed")).toBe(true);
    expect(warn).toHaveBeenCalledWith("[skipped] interop: NSD is not installed");
  });

  it("fails the suite when tools are required (CI)", () => {
    vi.stubEnv(REQUIRE_TOOLS, "1");
    expect(() => missingTool("interop", "NSD is not installed")).toThrow(
      "interop cannot run: NSD is not installed (DOMAIN_DRIFT_REQUIRE_TOOLS=1 requires every tool)",
    );
  });
});
