// Observed data comes from the network (RDAP names, DNS names, API strings) and policies come from
// pull requests: neither may smuggle terminal escapes or markup into what we print.

// C0 and C1 control characters (ESC, BEL, CSI, ...), Unicode line separators, and format
// characters: bidi controls (U+202E and friends, "Trojan Source", CVE-2021-42574) reorder the text
// around them on screen, so one name reads as another; zero-width ones (U+200B, U+2060, U+FEFF)
// hide inside names. Tab and line feed are left to each function below.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/gu;

/**
 * Text safe for a terminal, a log, a page: control, bidi and invisible formatting characters
 * become U+FFFD, visibly, in place. The one neutraliser: every printer of untrusted text uses it.
 */
export function plain(text: string): string {
  return text.replace(UNSAFE, "\uFFFD");
}

/**
 * JSON text (from JSON.stringify) with the characters `plain` neutralises written as `\uXXXX`
 * escapes: the same data for a parser, nothing a terminal obeys when the file is printed. Such
 * characters can only occur inside JSON strings, where the escape means the same character.
 */
export function escapedJson(json: string): string {
  // Per UTF-16 code unit: a character beyond U+FFFF is escaped as its surrogate pair, as JSON wants.
  return json.replace(UNSAFE, (char) =>
    [...Array(char.length).keys()]
      .map((i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, "0")}`)
      .join(""),
  );
}

/** Text safe for one terminal line: control characters and line breaks cannot start a new line. */
export function plainLine(text: string): string {
  return plain(text).replace(/\n/g, " ");
}

/**
 * A copy of a JSON-like value (a report, an observation) with every string made `plainLine`: the
 * plain-text renderers sanitise their input once instead of at every place they print a value.
 */
export function plainDeep<T>(value: T): T {
  if (typeof value === "string") return plainLine(value) as T;
  if (Array.isArray(value)) return value.map(plainDeep) as T;
  if (typeof value === "object" && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = plainDeep(item);
    return copy as T;
  }
  return value;
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
  '"': "&quot;",
};

/**
 * Text safe inside a GitHub-flavoured Markdown table cell, on one line: markup characters are
 * escaped, HTML cannot open, and `@name` cannot notify anyone (a zero-width space follows the @).
 */
export function markdownText(text: string): string {
  return plain(text)
    .replace(/[\\`*_[\]()|~!#<>&"]/g, (char) => HTML_ENTITIES[char] ?? `\\${char}`)
    .replace(/@/g, "@\u200b")
    .replace(/\r?\n/g, "<br>");
}

/** Inline code in a table cell: the fence is longer than any backtick run inside, pipes are escaped. */
export function markdownCode(text: string): string {
  const safe = plain(text).replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  const longestRun = Math.max(0, ...(safe.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = longestRun > 0 ? " " : "";
  return `${fence}${pad}${safe}${pad}${fence}`;
}
