import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The lab's HTTPS emulators (Azure's SDKs talk HTTPS only) serve a certificate of the lab's test CA.
// Node reads extra CAs only when a process starts, from one file: so the test workers, forked after
// this runs, get a file with the CAs already named (a machine's own) and the lab's.
const labCa = fileURLToPath(new URL("./fixtures/tls/lab-ca.pem", import.meta.url));
const extra = process.env.NODE_EXTRA_CA_CERTS;
if (extra === undefined || extra === "") {
  process.env.NODE_EXTRA_CA_CERTS = labCa;
} else if (extra !== labCa && !extra.startsWith(join(tmpdir(), "domain-drift-test-cas-"))) {
  const combined = join(tmpdir(), `domain-drift-test-cas-${process.pid}.pem`);
  let theirs = "";
  try {
    theirs = readFileSync(extra, "utf8");
  } catch {
    // A variable naming no readable file adds nothing.
  }
  writeFileSync(combined, `${theirs}\n${readFileSync(labCa, "utf8")}`);
  process.env.NODE_EXTRA_CA_CERTS = combined;
}

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Network tests wait on real timeouts; keep the default generous and let each test tighten it.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
