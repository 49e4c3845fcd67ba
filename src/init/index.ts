// `init --from-aws`: the library surface.
export { PROPOSED_EXPIRY_MIN_DAYS } from "./account-draft.js";
export { draftPoliciesFromAws, type InitFromAwsRun, policyFileName } from "./from-aws.js";
export { renderAccountPolicy } from "./render.js";
export { policySchemaReference } from "./schema-reference.js";
export type * from "./types.js";
export {
  type GeneratedFile,
  type ValidateOutputOptions,
  validateGeneratedPolicies,
} from "./validate-output.js";
