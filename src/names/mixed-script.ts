// Look-alike names: a label that mixes scripts (`pаypal` with a Cyrillic `а`) reads as another
// name. Per UTS #39's "highly restrictive" level, a label may use one script, plus the characters
// common to all (digits, `-`), or one of the mixes a language writes with: Latin with Han and
// Japanese kana, with Han and Bopomofo, or with Han and Hangul.

/** UTS #31's recommended scripts for identifiers; any other script counts as `other`. */
const SCRIPTS = [
  "Arabic",
  "Armenian",
  "Bengali",
  "Bopomofo",
  "Cyrillic",
  "Devanagari",
  "Ethiopic",
  "Georgian",
  "Greek",
  "Gujarati",
  "Gurmukhi",
  "Han",
  "Hangul",
  "Hebrew",
  "Hiragana",
  "Kannada",
  "Katakana",
  "Khmer",
  "Lao",
  "Latin",
  "Malayalam",
  "Myanmar",
  "Oriya",
  "Sinhala",
  "Tamil",
  "Telugu",
  "Thaana",
  "Thai",
  "Tibetan",
].map((name) => ({ name, pattern: new RegExp(`\\p{Script_Extensions=${name}}`, "u") }));

const COMMON = /[\p{Script_Extensions=Common}\p{Script_Extensions=Inherited}]/u;

const LANGUAGE_MIXES: readonly ReadonlySet<string>[] = [
  new Set(["Latin", "Han", "Hiragana", "Katakana"]),
  new Set(["Latin", "Han", "Bopomofo"]),
  new Set(["Latin", "Han", "Hangul"]),
];

/** The scripts a character belongs to (several for some: `ー` is Hiragana and Katakana). */
function scriptsOf(char: string): Set<string> | undefined {
  if (COMMON.test(char)) return undefined;
  const scripts = new Set(SCRIPTS.filter(({ pattern }) => pattern.test(char)).map((s) => s.name));
  return scripts.size > 0 ? scripts : new Set(["other"]);
}

/** The scripts of a label that mixes them, sorted, or undefined when it reads as one. */
export function mixedScripts(label: string): string[] | undefined {
  const perChar = [...label].map(scriptsOf).filter((scripts) => scripts !== undefined);
  if (perChar.length === 0) return undefined;
  const [first, ...rest] = perChar as [Set<string>, ...Set<string>[]];
  const shared = [...first].filter((script) => rest.every((scripts) => scripts.has(script)));
  if (shared.length > 0) return undefined;
  const inMix = (mix: ReadonlySet<string>) =>
    perChar.every((scripts) => [...scripts].some((s) => mix.has(s)));
  if (LANGUAGE_MIXES.some(inMix)) return undefined;
  return [...new Set(perChar.flatMap((scripts) => [...scripts]))].sort();
}
