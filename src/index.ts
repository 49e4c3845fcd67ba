// The library API. The CLI and the GitHub Action are thin shells over what is exported here.

export { BUILTIN_PROVIDERS } from "./catalog/builtin-providers.js";
export { buildCatalog } from "./catalog/catalog.js";
export type * from "./catalog/types.js";
export { formatDiagnostic, hasErrors } from "./policy/diagnostics.js";
export { type NormalizedName, normalizeDomainName } from "./policy/domain-name.js";
export {
  type LoadPoliciesOptions,
  loadPolicies,
  type ParsePolicySourcesOptions,
  type PolicyFilesLoadResult,
  parsePolicySources,
} from "./policy/load.js";
export { architectureOf } from "./policy/policy-set.js";
export {
  DEFAULT_READ_LIMITS,
  type PolicyReadLimits,
  type ReadPolicySourcesOptions,
  type ReadPolicySourcesResult,
  readPolicySources,
} from "./policy/read-sources.js";
export { SUPPORTED_POLICY_VERSION } from "./policy/schema-check.js";
export type * from "./policy/types.js";
export { TOOL_NAME, TOOL_VERSION } from "./version.js";
