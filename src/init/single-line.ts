// Text from outside (RDAP registrar names, error messages) on one line: in a comment, a line break
// of any kind would end the comment and let the rest be read as YAML; in a name, it is noise.
// Control characters become spaces; bidi and invisible characters are neutralised as everywhere
// (`plain`): a comment is read on screen too.
import { plain } from "../text/sanitize.js";

export function singleLine(text: string): string {
  return plain(text.replace(/[\p{Cc}\u2028\u2029]+/gu, " ")).trim();
}
