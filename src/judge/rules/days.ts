// Days between now and a moment, as the findings count them: whole days, rounded down, negative
// once the moment is past (so "in 0 days" is less than a day away).

const DAY_MS = 86_400_000;

/** Whole days from `now` until `at` (milliseconds since the epoch), rounded down. */
export const daysUntil = (at: number, now: Date): number =>
  Math.floor((at - now.getTime()) / DAY_MS);
