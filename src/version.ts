import { createRequire } from "node:module";

// Resolved at run time from the package root: one level above src/, lib/ and dist/ alike.
const pkg = createRequire(import.meta.url)("../package.json") as { name: string; version: string };

export const TOOL_NAME: string = pkg.name;
export const TOOL_VERSION: string = pkg.version;
