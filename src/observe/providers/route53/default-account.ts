// The account id of a domain whose policy names none: the AWS SDK's default credential chain.
// In a module of its own so that the check pipeline and `init` can name it without loading the
// AWS SDK, which the observer module imports.

export const DEFAULT_ACCOUNT = "default";
