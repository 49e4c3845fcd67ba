// `init --from <provider>` (and `--from-aws`): the library surface.
export { PROPOSED_EXPIRY_MIN_DAYS } from "./account-draft.js";
export {
  draftPolicies,
  /** The name of `draftPolicies` from when init read AWS accounts only. */
  draftPolicies as draftPoliciesFromAws,
  type InitRun,
  type InitRun as InitFromAwsRun,
} from "./from-accounts.js";
export { accountEntry, policyFileName } from "./init-account.js";
export { renderAccountPolicy } from "./render.js";
export { policySchemaReference } from "./schema-reference.js";
export type * from "./types.js";
export {
  type GeneratedFile,
  type ValidateOutputOptions,
  validateGeneratedPolicies,
} from "./validate-output.js";
