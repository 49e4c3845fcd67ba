// The library API. The CLI and the GitHub Action are thin shells over what is exported here.
export type * from "./policy/types.js";
export { TOOL_NAME, TOOL_VERSION } from "./version.js";
