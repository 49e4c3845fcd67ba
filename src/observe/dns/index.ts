// The DNS delegation walker's public API (see docs/delegation.md).

export type { Deadline, QueryOutcome } from "./client.js";
export { describeServerAnswer } from "./describe.js";
export { parseRootHints, type RootHintsResult } from "./root-hints.js";
export type { DnsStats } from "./stats.js";
export { formatTrace } from "./trace-text.js";
export type * from "./types.js";
export { createDelegationWalker, type DelegationWalker, type WalkerOptions } from "./walker.js";
export { isQueryType, type QueryType, type Question } from "./wire.js";
