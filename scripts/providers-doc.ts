// Writes the capability matrix of docs/providers.md from the providers' declarations
// (src/observe/providers/capability-matrix.ts). Run: npm run docs:providers.
import { readFile, writeFile } from "node:fs/promises";
import { withCapabilityMatrix } from "../src/observe/providers/capability-matrix.js";

const FILE = new URL("../docs/providers.md", import.meta.url);
const updated = withCapabilityMatrix(await readFile(FILE, "utf8"));
if (updated === undefined) {
  console.error("docs/providers.md has no capability-matrix markers");
  process.exit(1);
}
await writeFile(FILE, updated);
