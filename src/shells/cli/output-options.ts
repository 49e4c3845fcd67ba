// `--format F [--output FILE]`, repeatable: each --output belongs to the --format before it, and
// a format without one goes to stdout. Commander calls argument parsers in command-line order,
// which is what lets the two options pair up.
import { InvalidArgumentError } from "commander";
import { FORMATS, type Format, isFormat } from "../../report/render/formats.js";

export interface OutputTarget {
  readonly format: Format;
  /** undefined: stdout. */
  output: string | undefined;
}

/** Returns a parser of `--format` that accepts the formats `allowed` (a command's subset). */
export function formatCollectorOf(allowed: readonly Format[]) {
  return (value: string, previous: OutputTarget[] | undefined): OutputTarget[] => {
    if (!isFormat(value) || !allowed.includes(value)) {
      throw new InvalidArgumentError(`expected one of ${allowed.join(", ")}`);
    }
    return [...(previous ?? []), { format: value, output: undefined }];
  };
}

/** The parser of `--format` for commands that write every format. */
export const formatCollector = formatCollectorOf(FORMATS);

/** Returns a parser that attaches each --output to the latest --format. */
export function outputCollector(targets: () => OutputTarget[] | undefined) {
  return (value: string): string => {
    const last = targets()?.at(-1);
    if (!last) throw new InvalidArgumentError("give --format before its --output");
    if (last.output !== undefined)
      throw new InvalidArgumentError(`--format ${last.format} already has an --output`);
    last.output = value;
    return value;
  };
}

/** The targets to write, or why they cannot all be written. */
export function resolveTargets(
  targets: readonly OutputTarget[] | undefined,
): OutputTarget[] | { error: string } {
  const list =
    targets && targets.length > 0 ? [...targets] : [{ format: "text" as const, output: undefined }];
  const toStdout = list.filter((t) => t.output === undefined);
  if (toStdout.length > 1) {
    return {
      error: `only one format can go to stdout; give --output FILE after --format ${toStdout[1]?.format}`,
    };
  }
  return list;
}
