// The AWS SDK for JavaScript prints a NodeVersionSupportWarning on every run under Node < 22: its
// releases after the first week of January 2027 will need Node 22. The SDK versions this package
// locks support Node 20 (their `engines` say >=20), so the notice says nothing about this release,
// and printed on every `check` it reads in CI logs like a failure. The shells switch it off with
// the SDK's documented variable, but only when the user has not set it: `=false` brings it back.
// Raising `engines` to Node 22 goes with the first SDK upgrade past that date.
export const NODE_VERSION_NOTICE_VARIABLE = "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED";

/**
 * Turns the notice off in `env` unless the user decided in `chosen` (by default `env` itself);
 * call before an SDK client is made.
 */
export function quietNodeVersionNotice(
  env: NodeJS.ProcessEnv,
  chosen: NodeJS.ProcessEnv = env,
): void {
  env[NODE_VERSION_NOTICE_VARIABLE] = chosen[NODE_VERSION_NOTICE_VARIABLE] ?? "true";
}
