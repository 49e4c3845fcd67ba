// SARIF 2.1.0 for code scanning (github/codeql-action/upload-sarif): one result per finding, at
// the policy line to fix, with stable partial fingerprints so alerts track across runs.

import { ALL_RULES } from "../../judge/rules/registry.js";
import { escapedJson } from "../../text/sanitize.js";
import type { Finding, Report, Severity } from "../model/model.js";
import { describeValue } from "./describe.js";

const LEVEL: Readonly<Record<Severity, "error" | "warning" | "note">> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

// GitHub code scanning ranks security alerts by this CVSS-like score.
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: "0.0",
};

const INFORMATION_URI = "https://github.com/domain-drift/domain-drift";

function sarifResult(finding: Finding, domain: string | undefined, ruleIndex: number) {
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: `${finding.message} Fix: ${finding.remediation}` },
    ...(finding.location
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: finding.location.file, uriBaseId: "%SRCROOT%" },
                region: { startLine: finding.location.line, startColumn: finding.location.column },
              },
            },
          ],
        }
      : {}),
    partialFingerprints: { "domainDrift/v1": finding.fingerprint },
    ...(finding.suppressed
      ? {
          suppressions: [
            {
              kind: "external",
              justification: `${finding.suppressed.reason} (until ${finding.suppressed.expires})`,
            },
          ],
        }
      : {}),
    ...(finding.baseline
      ? { baselineState: finding.baseline === "new" ? "new" : "unchanged" }
      : {}),
    properties: {
      ...(domain ? { domain } : {}),
      severity: finding.severity,
      expected: describeValue(finding.expected),
      observed: describeValue(finding.observed),
      remediation: finding.remediation,
    },
  };
}

export function renderSarif(report: Report): string {
  const ruleIndex = new Map(ALL_RULES.map((rule, index) => [rule.id as string, index]));
  const results = [
    ...report.domains.flatMap((d) =>
      d.findings.map((f) => sarifResult(f, d.domain, ruleIndex.get(f.rule) ?? -1)),
    ),
    ...report.accounts.flatMap((a) =>
      a.findings.map((f) => sarifResult(f, undefined, ruleIndex.get(f.rule) ?? -1)),
    ),
  ];
  const migrations = report.domains.flatMap((d) =>
    d.migration === undefined
      ? []
      : [{ domain: d.domain, phase: d.migration.phase, next: d.migration.next }],
  );
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules: ALL_RULES.map((rule) => ({
              id: rule.id,
              name: rule.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.doc },
              help: { text: rule.doc, markdown: `**${rule.title}**\n\n${rule.doc}` },
              defaultConfiguration: { level: LEVEL[rule.severity] },
              properties: {
                tags: ["security", "dns"],
                "security-severity": SECURITY_SEVERITY[rule.severity],
              },
            })),
          },
        },
        automationDetails: {
          id: `domain-drift/${report.shard ? `shard-${report.shard.index}-of-${report.shard.count}` : "all"}/`,
        },
        invocations: [
          {
            executionSuccessful: true,
            startTimeUtc: report.startedAt,
            endTimeUtc: report.finishedAt,
          },
        ],
        results,
        // A phase is no finding, so code scanning shows no alert for it; dashboards reading the
        // SARIF file still see where each migration stands.
        ...(migrations.length > 0 ? { properties: { migrations } } : {}),
      },
    ],
  };
  return `${escapedJson(JSON.stringify(sarif, null, 2))}\n`;
}
