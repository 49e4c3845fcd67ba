// A real parser of the OpenMetrics text format for tests: the Python Prometheus client's
// (Debian's python3-prometheus-client), which checks the grammar, label escaping, UNIT suffixes
// and the # EOF terminator. It throws, with the parser's message, on anything invalid.
import { execFileSync } from "node:child_process";

const PYTHON = "/usr/bin/python3";
const PARSE = `
import json, sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
families = [
    {"name": f.name, "type": f.type, "unit": f.unit,
     "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in f.samples]}
    for f in text_string_to_metric_families(sys.stdin.read())
]
print(json.dumps(families))
`;

/** Why the parser cannot run here, or undefined when it can. */
export const OPENMETRICS_PARSER_MISSING = (() => {
  try {
    execFileSync(PYTHON, ["-c", "import prometheus_client.openmetrics.parser"], {
      stdio: "ignore",
    });
    return undefined;
  } catch {
    return `${PYTHON} with prometheus_client is missing (apt-get install python3-prometheus-client)`;
  }
})();

export interface ParsedFamily {
  readonly name: string;
  readonly type: string;
  readonly unit: string;
  readonly samples: ReadonlyArray<{
    readonly name: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly value: number;
  }>;
}

export function parseOpenMetrics(text: string): ParsedFamily[] {
  return JSON.parse(execFileSync(PYTHON, ["-c", PARSE], { input: text, encoding: "utf8" }));
}
