// The account id of a domain whose policy names no account at a provider that has a default one
// (Route 53: the AWS SDK's default credential chain). In a module of its own so that the check
// pipeline and `init` can name it without loading any provider's SDK.

export const DEFAULT_ACCOUNT = "default";
