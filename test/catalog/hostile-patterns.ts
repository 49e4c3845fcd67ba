// Name-server patterns (from pull requests) and names (from the network) that made picomatch's
// regular expressions backtrack for minutes: the test checks what the matcher answers, the
// benchmark (bench/hostile-inputs.ts) how long it takes.
export const HOSTILE_PATTERNS: ReadonlyArray<readonly [pattern: string, name: string]> = [
  ["*a*a*a*a*a*a*a*a*a*a*a*a*c", "a".repeat(63)],
  ["*a*a.*a*a.*a*a.*a*ac", Array(4).fill("a".repeat(60)).join(".")],
  [`${"{a,a}".repeat(6)}c`, "a".repeat(40)],
];
