// The run's address goes into Markdown links: only the runner's variables in their own shapes make
// one, so a value that would break out of the link gives none.
import { describe, expect, it } from "vitest";
import { workflowRunUrl } from "../../../src/shells/action/run-url.js";

const RUNNER = {
  GITHUB_SERVER_URL: "https://github.com",
  GITHUB_REPOSITORY: "octo-org/domains",
  GITHUB_RUN_ID: "4242",
};

describe("workflowRunUrl", () => {
  it("is the run's page on github.com or an Enterprise Server", () => {
    expect(workflowRunUrl(RUNNER)).toBe("https://github.com/octo-org/domains/actions/runs/4242");
    expect(workflowRunUrl({ ...RUNNER, GITHUB_SERVER_URL: "https://ghe.example:8443" })).toBe(
      "https://ghe.example:8443/octo-org/domains/actions/runs/4242",
    );
  });

  it("is undefined without the runner's variables, or with any of another shape", () => {
    expect(workflowRunUrl({})).toBeUndefined();
    for (const forged of [
      { GITHUB_SERVER_URL: "https://github.com/x)[click](https://evil.example" },
      { GITHUB_SERVER_URL: "javascript:alert(1)" },
      { GITHUB_REPOSITORY: "octo-org/domains/../../evil" },
      { GITHUB_REPOSITORY: "octo-org/d) [x](y" },
      { GITHUB_RUN_ID: "42#x" },
      { GITHUB_RUN_ID: "" },
    ]) {
      expect(workflowRunUrl({ ...RUNNER, ...forged }), JSON.stringify(forged)).toBeUndefined();
    }
  });
});
