// Text from outside (RDAP registrar names, error messages) on one line: in a comment, a line break
// of any kind would end the comment and let the rest be read as YAML; in a name, it is noise.
export function singleLine(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, " ").trim();
}
