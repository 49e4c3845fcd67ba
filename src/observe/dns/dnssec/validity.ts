// The RRSIG validity window (RFC 4034 §3.1.5, RFC 4035 §5.3.1). Inception and expiration are 32-bit
// counts of seconds that wrap every 136 years; RFC 1982 serial-number arithmetic reads each as the
// moment within 2^31 seconds of now, so a signature made across a wrap still compares right.

const WRAP = 2 ** 32;
const HALF = 2 ** 31;

/**
 * The absolute Unix time (seconds) of a 32-bit RRSIG time, read as the one nearest `now`. A time
 * exactly 2^31 seconds away is as near ahead as behind (RFC 1982 leaves the comparison undefined):
 * it is read on the side `tie` says, the one where the window fails.
 */
export function absoluteTime(
  time32: number,
  nowSeconds: number,
  tie: "past" | "future" = "past",
): number {
  const offset = (((time32 - nowSeconds) % WRAP) + WRAP) % WRAP;
  const behind = offset > HALF || (offset === HALF && tie === "past");
  return nowSeconds + (behind ? offset - WRAP : offset);
}

export type Validity =
  | { readonly status: "current"; readonly inception: number; readonly expiration: number }
  | { readonly status: "expired"; readonly inception: number; readonly expiration: number }
  | { readonly status: "not-yet-valid"; readonly inception: number; readonly expiration: number };

/**
 * Where `now` falls in an RRSIG's window; the times come back as absolute Unix seconds. A window
 * whose expiration precedes its inception holds no moment and reads as one of the two failures.
 */
export function checkValidity(inception32: number, expiration32: number, now: Date): Validity {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  // An undefined comparison fails closed: an inception not yet reached, an expiration passed.
  const inception = absoluteTime(inception32, nowSeconds, "future");
  const expiration = absoluteTime(expiration32, nowSeconds, "past");
  // Written to fail closed: a time that is not a number is outside every window.
  if (!(nowSeconds >= inception)) return { status: "not-yet-valid", inception, expiration };
  if (!(nowSeconds <= expiration)) return { status: "expired", inception, expiration };
  return { status: "current", inception, expiration };
}
