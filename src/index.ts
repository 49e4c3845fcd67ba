// The library API. The CLI and the GitHub Action are thin shells over what is exported here, in
// the pipeline's order: the provider catalog, a check session (settings → observers → report),
// reference data, `init --from-aws`, the rules, names, the observers (DNS walker, RDAP, Route 53
// and Route 53 Domains), the policy language, and reports (one model, every renderer, the
// operations on saved reports). Exports are sorted by module path, as Biome keeps them.
export { BUILTIN_PROVIDERS } from "./catalog/builtin-providers.js";
export { buildCatalog } from "./catalog/catalog.js";
export type * from "./catalog/types.js";
export { type CheckProgress, type CheckRun, runCheck } from "./check/check.js";
export { ALL_DOMAINS, type DomainSelection, selectDomains } from "./check/select.js";
export {
  type CheckRequest,
  type CheckSession,
  type OpenedCheckSession,
  openCheckSession,
} from "./check/session.js";
export {
  type CheckSettings,
  checkSettings,
  concurrencySettings,
  type DnsSettings,
} from "./check/settings.js";
export { loadRdapBootstrap, loadRootHintsText, loadRoute53Ranges } from "./data/reference-data.js";
export { loadRootHints } from "./data/session-reference.js";
export * from "./init/index.js";
export { ACCOUNT_RULES, ALL_RULES, DOMAIN_RULES } from "./judge/rules/registry.js";
export type * from "./judge/rules/types.js";
export { type NormalizedName, normalizeDomainName } from "./names/normalize.js";
export * from "./observe/dns/index.js";
export type { DomainObservations, Skipped } from "./observe/observations.js";
export type { Observers, Optional } from "./observe/observers.js";
export * from "./observe/providers/route53/index.js";
export * from "./observe/rdap/index.js";
export { architectureOf, ROUTE53 } from "./policy/architecture.js";
export { formatDiagnostic, hasErrors } from "./policy/diagnostics.js";
export {
  type LoadPoliciesOptions,
  loadPolicies,
  type ParsePolicySourcesOptions,
  type PolicyFilesLoadResult,
  parsePolicySources,
} from "./policy/load.js";
export {
  DEFAULT_READ_LIMITS,
  type PolicyReadLimits,
  type ReadPolicySourcesOptions,
  type ReadPolicySourcesResult,
  readPolicySources,
} from "./policy/read-sources.js";
export { SUPPORTED_POLICY_VERSION } from "./policy/schema-check.js";
export type * from "./policy/types.js";
export { compareWithBaseline } from "./report/baseline.js";
export { mergeReports } from "./report/merge.js";
export { ExitCode } from "./report/model/exit-codes.js";
export * from "./report/model/model.js";
export { checkReport } from "./report/model/report-schema.js";
export { RULE_IDS, type RuleId } from "./report/model/rule-ids.js";
export { parseShard, type Shard, shardOf } from "./report/model/shard.js";
export { exitCodeOf, summarise } from "./report/model/summary.js";
export { type HistoryInput, renderHistoryHtml } from "./report/render/html/index.js";
export { FORMATS, type Format, render } from "./report/render/index.js";
export { TOOL_NAME, TOOL_VERSION } from "./version.js";
