// The page's Content-Security-Policy. The page is one file that must never load anything: no
// source is allowed at all except the page's own inline script and stylesheet, each by the hash of
// its exact text, and Trusted Types are required so no string can ever reach innerHTML and the
// like. A meta tag cannot set frame-ancestors or reporting; a file opened locally needs neither.
import { createHash } from "node:crypto";

function hashSource(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

export function contentSecurityPolicy(inline: { script: string; style: string }): string {
  return [
    "default-src 'none'",
    `script-src ${hashSource(inline.script)}`,
    `style-src ${hashSource(inline.style)}`,
    "base-uri 'none'",
    "form-action 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join("; ");
}
