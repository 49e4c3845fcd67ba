// npm as the package tests run it: offline (a test must not need the internet), with npm's own
// cache, where `npm ci` of this repository left every dependency's tarball, and otherwise the
// environment of a user with no configuration of their own (HOME is the test's directory).
import { homedir } from "node:os";
import { join } from "node:path";

export function offlineNpmEnv(home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    npm_config_cache: process.env.npm_config_cache ?? join(homedir(), ".npm"),
    npm_config_offline: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
  };
}
