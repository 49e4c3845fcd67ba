// Policy files are UTF-8. Anything else is reported at the first byte that is not, rather than
// silently replaced with U+FFFD (which could turn a typo into a different, valid-looking name).

export type DecodedSource =
  | { readonly ok: true; readonly text: string }
  | {
      readonly ok: false;
      readonly line: number;
      readonly column: number;
      readonly message: string;
    };

function isValidUtf8Prefix(bytes: Uint8Array, length: number): boolean {
  try {
    // `stream: true` keeps a sequence cut off at the end pending instead of calling it invalid.
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** How long the sequence a lead byte starts is (0 for a byte that cannot start one). */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The offset where the first invalid sequence starts (`bytes` must not be valid UTF-8). */
function firstInvalidByte(bytes: Uint8Array): number {
  // Validity of a prefix is monotonic in its length: a binary search finds the shortest invalid one.
  let valid = 0;
  let invalid = bytes.length + 1; // the whole input, with its truncated final sequence, as a sentinel
  while (invalid - valid > 1) {
    const middle = Math.floor((valid + invalid) / 2);
    if (middle <= bytes.length && isValidUtf8Prefix(bytes, middle)) valid = middle;
    else invalid = middle;
  }
  // The decoder notices a broken sequence only at the byte after it: step back to its lead byte.
  const noticed = Math.min(invalid, bytes.length) - 1;
  let lead = noticed - 1;
  while (lead >= 0 && noticed - lead < 4 && ((bytes[lead] ?? 0) & 0xc0) === 0x80) lead--;
  const length = sequenceLength(bytes[lead] ?? 0);
  return lead >= 0 && length > 1 && lead + length > noticed ? lead : noticed;
}

function looksLikeUtf16(bytes: Uint8Array): boolean {
  const [first, second] = bytes;
  return (first === 0xff && second === 0xfe) || (first === 0xfe && second === 0xff);
}

export function decodePolicyBytes(bytes: Uint8Array): DecodedSource {
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    if (looksLikeUtf16(bytes)) {
      return { ok: false, line: 1, column: 1, message: "the file is UTF-16: save it as UTF-8" };
    }
    const offset = firstInvalidByte(bytes);
    const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(0x0a, offset - 1) + 1;
    let line = 1;
    for (let index = 0; index < lineStart; index++) if (bytes[index] === 0x0a) line++;
    const column = new TextDecoder().decode(bytes.subarray(lineStart, offset)).length + 1;
    const byte = (bytes[offset] ?? 0).toString(16).padStart(2, "0");
    return {
      ok: false,
      line,
      column,
      message: `the file is not valid UTF-8 (byte 0x${byte}): save it as UTF-8`,
    };
  }
}
