// `domain-drift trace` as text: like `dig +trace`, but every zone cut on the path, the parent's
// answer (NS, glue, DS) and every delegated server address with its classified answer and, when
// the walk looked, the DNSSEC chain it serves.

import { absoluteName } from "../../names/tree.js";
import { plainDeep } from "../../text/sanitize.js";
import {
  describeAddresses,
  describeDnssecChain,
  describeServer,
  describeServerAnswer,
} from "./describe.js";
import type {
  DelegationObservation,
  DnssecProbe,
  ParentAnswer,
  ServerProbe,
  TraceStep,
} from "./types.js";

function describeParentAnswer(answer: ParentAnswer): string {
  switch (answer.kind) {
    case "delegation": {
      const ds = answer.ds.length > 0 ? `, DS ${answer.ds.map((d) => d.keyTag).join(" ")}` : "";
      return `delegation, NS ${answer.ns.join(" ")}${ds}`;
    }
    case "nxdomain":
      return "NXDOMAIN";
    case "no-delegation":
      return "no delegation (the name is inside the parent zone)";
    case "failed":
      return describeServerAnswer(answer.answer);
  }
}

function pathLines(path: readonly TraceStep[]): string[] {
  const lines: string[] = [];
  for (const step of path) {
    lines.push(`${absoluteName(step.zone)}  ${step.cached ? "(cached)" : "(referral)"}`);
    if (step.servers.length === 0) lines.push("    (no server addresses known)");
    for (const ref of step.servers) lines.push(`    ${ref.name.padEnd(28)} ${ref.address}`);
  }
  return lines;
}

function probeLine(probe: ServerProbe, parentNs: readonly string[]): string {
  const rtt = probe.rttMs === undefined ? "" : ` ${probe.rttMs.toFixed(1)} ms`;
  const answer = probe.answer;
  const differs =
    answer.kind === "authoritative" &&
    answer.ns.length > 0 &&
    answer.ns.join(" ") !== parentNs.join(" ")
      ? "  (differs from the parent)"
      : "";
  return `    ${probe.address.padEnd(16)} ${probe.transport}${rtt}  ${describeServerAnswer(answer)}${differs}`;
}

function dnssecText(probe: DnssecProbe): string {
  switch (probe.kind) {
    case "validated":
      return describeDnssecChain(probe);
    case "no-answer":
      return `DNSKEY query: ${describeServerAnswer(probe.answer)}`;
    case "unreadable":
      return `unreadable: ${probe.detail}`;
  }
}

export function formatTrace(input: DelegationObservation): string {
  // Names in answers are bytes from the network: no terminal escapes or forged lines.
  const observation = plainDeep(input);
  const lines: string[] = [];
  const { domain, stats } = observation;
  lines.push(
    `;; trace ${absoluteName(domain)}  (${stats.queries} queries, ${stats.durationMs} ms)`,
  );
  lines.push("");
  lines.push(...pathLines(observation.path));
  lines.push("");
  switch (observation.kind) {
    case "failed":
      lines.push(`${absoluteName(domain)}  FAILED at ${absoluteName(observation.zone)}`);
      lines.push(`    ${observation.reason}`);
      break;
    case "not-delegated": {
      const why =
        observation.reason === "nxdomain"
          ? "NXDOMAIN: the name does not exist"
          : "no delegation: the name is inside the parent zone, not a zone of its own";
      lines.push(
        `${absoluteName(domain)}  NOT DELEGATED by ${absoluteName(observation.parentZone)}`,
      );
      lines.push(`    ${describeServer(observation.respondent)} answered ${why}`);
      break;
    }
    case "delegated": {
      const parent = observation.parent;
      lines.push(
        `${absoluteName(domain)}  delegated by ${absoluteName(parent.zone)}, answer from ${describeServer(parent.respondent)}`,
      );
      for (const name of parent.ns) lines.push(`    NS    ${name}`);
      for (const glue of parent.glue) {
        for (const address of glue.addresses) {
          lines.push(`    glue  ${glue.name}  ${address.includes(":") ? "AAAA" : "A"}  ${address}`);
        }
      }
      for (const ds of parent.ds) {
        lines.push(`    DS    ${ds.keyTag} ${ds.algorithm} ${ds.digestType} ${ds.digest}`);
      }
      if (parent.answers.length > 1) {
        lines.push("  every parent server:");
        for (const { server: ref, answer } of parent.answers) {
          lines.push(`    ${describeServer(ref).padEnd(44)} ${describeParentAnswer(answer)}`);
        }
        if (parent.inconsistent) lines.push("    ! the parent servers disagree");
      }
      lines.push("");
      lines.push("name servers");
      for (const ns of observation.nameservers) {
        lines.push(`  ${ns.name}  ${describeAddresses(ns.addresses)}`);
        for (const probe of ns.probes) {
          lines.push(probeLine(probe, parent.ns));
          if (probe.dnssec !== undefined) lines.push(`      DNSSEC ${dnssecText(probe.dnssec)}`);
        }
      }
      break;
    }
  }
  return `${lines.join("\n")}\n`;
}
