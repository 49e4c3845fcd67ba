// The capability matrix of docs/providers.md, rendered from the registered providers' descriptors
// (scripts/providers-doc.ts writes it; a test keeps the document in step), as DNSControl publishes
// its providers' features.
import { PROVIDERS } from "./registry.js";
import {
  DNS_HOST_CAPABILITIES,
  type ProviderDescriptor,
  REGISTRAR_CAPABILITIES,
  type RoleDescriptor,
} from "./types.js";

export const MATRIX_START = "<!-- capability-matrix:start (generated: npm run docs:providers) -->";
export const MATRIX_END = "<!-- capability-matrix:end -->";

function cells<C extends string>(
  descriptors: readonly ProviderDescriptor[],
  role: (d: ProviderDescriptor) => RoleDescriptor<C> | undefined,
  capability: C,
): string {
  return descriptors
    .map((d) => {
      const played = role(d);
      if (played === undefined) return " ";
      return played.capabilities[capability] ? "✓" : "—";
    })
    .join(" | ");
}

function rows<C extends string>(
  title: string,
  capabilities: Readonly<Record<C, string>>,
  descriptors: readonly ProviderDescriptor[],
  role: (d: ProviderDescriptor) => RoleDescriptor<C> | undefined,
): string[] {
  const services = descriptors.map((d) => role(d)?.service ?? "(not this role)").join(" | ");
  return [
    `| **${title}** | ${services} |`,
    ...(Object.entries(capabilities) as [C, string][]).map(
      ([capability, meaning]) =>
        `| \`${capability}\`: ${meaning} | ${cells(descriptors, role, capability)} |`,
    ),
  ];
}

/** The matrix as a Markdown table, one column per registered provider. */
export function renderCapabilityMatrix(
  descriptors: readonly ProviderDescriptor[] = PROVIDERS.map((p) => p.descriptor),
): string {
  const header = `| capability | ${descriptors.map((d) => `${d.name} (\`${d.id}\`)`).join(" | ")} |`;
  const rule = `|---|${descriptors.map(() => ":-:").join("|")}|`;
  const defaults = descriptors.map((d) => (d.hasDefaultAccount ? "✓" : "—")).join(" | ");
  return [
    header,
    rule,
    ...rows("registrar role", REGISTRAR_CAPABILITIES, descriptors, (d) => d.registrar),
    ...rows("DNS-host role", DNS_HOST_CAPABILITIES, descriptors, (d) => d.dnsHost),
    `| **default account** (asked for domains that name none) | ${defaults} |`,
  ].join("\n");
}

/** `document` with the text between the markers replaced by the matrix; undefined without markers. */
export function withCapabilityMatrix(document: string): string | undefined {
  const start = document.indexOf(MATRIX_START);
  const end = document.indexOf(MATRIX_END);
  if (start < 0 || end < start) return undefined;
  return `${document.slice(0, start + MATRIX_START.length)}\n\n${renderCapabilityMatrix()}\n\n${document.slice(end)}`;
}
