// Observed data comes from the network (RDAP names, DNS names, API strings) and policies come from
// pull requests: neither may smuggle terminal escapes or markup into what we print.

// C0 and C1 control characters (ESC, BEL, CSI, ...) and Unicode line separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Text safe for a terminal: control characters become U+FFFD. */
export function plain(text: string): string {
  return text.replace(CONTROL, "\uFFFD");
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
