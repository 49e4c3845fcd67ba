// The exit-code contract (README, "Exit codes"). Scripts, CI and the Action depend on these values.
export const ExitCode = {
  /** No drift at or above the fail threshold; for `validate`, the policies are valid. */
  Ok: 0,
  /** Drift at or above the fail threshold. */
  Drift: 1,
  /** Invalid input or usage. */
  InvalidInput: 2,
  /** Some checks could not run, and no drift was found. */
  Incomplete: 3,
  /** A report or output could not be written (a full disk; a closed pipe is not an error). */
  OutputFailed: 4,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
