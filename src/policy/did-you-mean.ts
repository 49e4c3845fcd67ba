// "Did you mean ...?" for misspelt keys and ids.
import { distance } from "fastest-levenshtein";

/** The closest candidate, if it is close enough to be a plausible typo. */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  const lower = input.toLowerCase();
  const pool = [...candidates];
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of pool) {
    // Case differences alone count as the closest possible miss.
    const score = candidate.toLowerCase() === lower ? 0 : distance(lower, candidate.toLowerCase());
    if (score < bestDistance) {
      best = candidate;
      bestDistance = score;
    }
  }
  const tolerance = Math.max(1, Math.min(3, Math.floor(input.length / 3)));
  if (bestDistance <= tolerance) return best;
  // An abbreviation (`transfer-lock` for `transfer-lock-disabled`), when it is unambiguous.
  if (input.length < 3) return undefined;
  const extensions = pool.filter((candidate) => candidate.toLowerCase().startsWith(lower));
  return extensions.length === 1 ? extensions[0] : undefined;
}

/** ` (did you mean `x`?)`, or nothing. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const match = closestMatch(input, candidates);
  return match === undefined ? "" : ` (did you mean \`${match}\`?)`;
}
