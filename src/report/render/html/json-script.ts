// Data inside a <script type="application/json"> block. The HTML parser ends the block at the
// first `</script` whatever the JSON means, and `<!--` changes how it looks for the end; escaping
// every `<` (and `>`, `&` for good measure) as \u003c keeps any string from closing the block.
// U+2028 and U+2029 are escaped too, so the text stays valid if ever read as JavaScript.
const UNSAFE = /[<>&\u2028\u2029]/g;

export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    UNSAFE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
