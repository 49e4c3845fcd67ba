// Record parity's public API: compare what a migrating zone's old and target DNS hosts serve.

export { observeRecordParity, type RecordParityDeps } from "./observe.js";
export { paritySideServers } from "./servers.js";
export type { AskServer } from "./side.js";
export type * from "./types.js";
