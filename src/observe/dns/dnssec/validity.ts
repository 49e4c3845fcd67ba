// The RRSIG validity window (RFC 4034 §3.1.5, RFC 4035 §5.3.1). Inception and expiration are 32-bit
// counts of seconds that wrap every 136 years; RFC 1982 serial-number arithmetic reads each as the
// moment within 2^31 seconds of now, so a signature made across a wrap still compares right.

const WRAP = 2 ** 32;
const HALF = 2 ** 31;

/** The absolute Unix time (seconds) of a 32-bit RRSIG time, read as the one nearest `now`. */
export function absoluteTime(time32: number, nowSeconds: number): number {
  const offset = (((time32 - nowSeconds) % WRAP) + WRAP) % WRAP;
  return nowSeconds + (offset >= HALF ? offset - WRAP : offset);
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
  const inception = absoluteTime(inception32, nowSeconds);
  const expiration = absoluteTime(expiration32, nowSeconds);
  // Written to fail closed: a time that is not a number is outside every window.
  if (!(nowSeconds >= inception)) return { status: "not-yet-valid", inception, expiration };
  if (!(nowSeconds <= expiration)) return { status: "expired", inception, expiration };
  return { status: "current", inception, expiration };
}
