import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Network tests wait on real timeouts; keep the default generous and let each test tighten it.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
