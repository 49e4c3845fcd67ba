// The Route 53 and Route 53 Domains observers: the library surface of src/observe/providers/route53.

export { DEFAULT_ACCOUNT } from "../default-account.js";
export { type AwsOperation, IAM_ACTIONS, READ_ONLY_ACTIONS } from "./iam-actions.js";
export { type AwsObserver, type AwsObserverOptions, createAwsObserver } from "./observer.js";
export type * from "./types.js";
