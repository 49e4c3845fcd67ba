// Renders an account draft as a policy file with the `yaml` Document API, so every remark sits as a
// comment on the entry it concerns. Markers: `!` an inconsistency check reports, `?` something that
// could not be observed or decided. Output is deterministic: the same draft, the same bytes.
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from "yaml";
import type { PolicyProviderDefinition } from "../catalog/types.js";
import { accountEntry, describeListing, describeSource } from "./init-account.js";
import { singleLine } from "./single-line.js";
import type { AccountDraft, DeclaredDomain, DomainDraft, UndecidedDomain } from "./types.js";

const LINE_WIDTH = 100;
/** Continuation lines of a wrapped remark are indented under its text. */
const HANGING_INDENT = "  ";

/** Word-wrapped comment lines, each with the leading space `#` is followed by. */
function wrap(text: string, indent: number): string[] {
  const width = Math.max(40, LINE_WIDTH - indent - 2);
  const lines: string[] = [];
  let line = "";
  for (const word of singleLine(text)
    .split(" ")
    .filter((w) => w !== "")) {
    const prefix = lines.length === 0 ? "" : HANGING_INDENT;
    if (line !== "" && prefix.length + line.length + 1 + word.length > width) {
      lines.push(`${prefix}${line}`);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(`${lines.length === 0 ? "" : HANGING_INDENT}${line}`);
  return lines.map((l) => ` ${l}`);
}

function remarks(texts: readonly string[], indent: number): string[] {
  return texts.flatMap((text) => wrap(text, indent));
}

function key(name: string, comment: readonly string[] = [], spaceBefore = false): Scalar {
  const node = new Scalar(name);
  if (comment.length > 0) node.commentBefore = comment.join("\n");
  node.spaceBefore = spaceBefore;
  return node;
}

function map(entries: ReadonlyArray<readonly [string, unknown]>, flow = false): YAMLMap {
  const node = new YAMLMap();
  node.flow = flow;
  for (const [name, value] of entries) node.items.push(new Pair(key(name), value));
  return node;
}

function flowSeq(values: readonly (string | number)[]): YAMLSeq {
  const node = new YAMLSeq();
  node.flow = true;
  node.items.push(...values.map((value) => new Scalar(value)));
  return node;
}

function defined(
  entries: ReadonlyArray<readonly [string, unknown]>,
): Array<readonly [string, unknown]> {
  return entries.filter(([, value]) => value !== undefined);
}

function domainRemarks(domain: DeclaredDomain, indent: number): string[] {
  return remarks(
    [
      ...domain.notes,
      ...domain.findings.map((f) => `! ${f.rule} (${f.severity}): ${f.message}`),
      ...domain.notChecked.map((c) => `? not checked: ${c.name}: ${c.reason ?? "no reason given"}`),
    ],
    indent,
  );
}

/** An entry that cannot be declared, written out commented so deciding it is an edit away. */
function undecidedRemarks(domain: UndecidedDomain, indent: number): string[] {
  const [why, ...rest] = domain.notes;
  return [
    ...remarks([`? ${why}. Decide, then uncomment:`, ...rest], indent),
    ` ${domain.unicode}:`,
    `   registrar: ${domain.registrar ?? "<registrar id>"}`,
    `   dnsHost: ${domain.dnsHost ?? "<DNS host id>"}`,
  ];
}

function domainValue(domain: DeclaredDomain, draft: AccountDraft): YAMLMap {
  const value = map(
    defined([
      ["registrar", domain.registrar === draft.defaults.registrar ? undefined : domain.registrar],
      ["dnsHost", domain.dnsHost === draft.defaults.dnsHost ? undefined : domain.dnsHost],
      ["hostedZoneId", domain.hostedZoneId],
      ["transferLock", domain.transferLock],
      ["autoRenew", domain.autoRenew],
    ]),
  );
  // `{}` on the key's line: the file's defaults only.
  value.flow = value.items.length === 0;
  return value;
}

function domainsNode(
  domains: readonly DomainDraft[],
  draft: AccountDraft,
): {
  node: YAMLMap;
  /** Remarks with no entry after them to sit on. */
  trailing: string[];
} {
  const node = new YAMLMap();
  let pending: string[] = [];
  for (const domain of domains) {
    if (domain.kind === "undecided") {
      pending = [...pending, ...undecidedRemarks(domain, 2)];
      continue;
    }
    node.items.push(
      new Pair(
        key(domain.unicode, [...pending, ...domainRemarks(domain, 2)]),
        domainValue(domain, draft),
      ),
    );
    pending = [];
  }
  return { node, trailing: pending };
}

function providerNode(provider: PolicyProviderDefinition): YAMLMap {
  const { dnsHost, registrar } = provider;
  return map(
    defined([
      ["name", provider.name],
      ["dnsHost", dnsHost?.nameservers && map([["nameservers", flowSeq(dnsHost.nameservers)]])],
      [
        "registrar",
        registrar &&
          map(
            defined([
              ["ianaIds", registrar.ianaIds && flowSeq(registrar.ianaIds)],
              ["names", registrar.names && flowSeq(registrar.names)],
            ]),
          ),
      ],
    ]),
  );
}

function header(draft: AccountDraft, schema: string): string {
  const { account } = draft;
  return [
    ` yaml-language-server: $schema=${schema}`,
    "",
    ...remarks(
      [
        `Written by ${describeSource(account)}: ${describeListing(account)} as they were observed. Remarks marked ! are inconsistencies \`domain-drift check\` reports; ? marks what could not be observed or decided. Review them, then commit this file.`,
        ...draft.notes.map((note) => `? ${note}`),
      ],
      0,
    ),
  ].join("\n");
}

/** The policy file text for one account; `schema` is the `$schema` reference for editors. */
export function renderAccountPolicy(draft: AccountDraft, schema: string): string {
  const { defaults, account } = draft;
  const root = new YAMLMap();
  root.items.push(new Pair(key("version"), new Scalar(1)));

  const defaultsNode = map(
    defined([
      ["registrar", defaults.registrar],
      ["dnsHost", defaults.dnsHost],
      ["account", accountEntry(account) === undefined ? undefined : account.id],
      [
        "expiry",
        defaults.expiryMinDays === undefined
          ? undefined
          : map([["minDays", new Scalar(defaults.expiryMinDays)]], true),
      ],
      ["transferLock", defaults.transferLock],
      ["autoRenew", defaults.autoRenew],
    ]),
  );
  const defaultsRemarks = remarks(draft.defaultsNotes, 0);
  const hasDefaults = defaultsNode.items.length > 0;
  if (hasDefaults) root.items.push(new Pair(key("defaults", defaultsRemarks, true), defaultsNode));

  const { node: domains, trailing } = domainsNode(draft.domains, draft);
  const domainsRemarks = [...(hasDefaults ? [] : defaultsRemarks)];
  if (domains.items.length === 0) domainsRemarks.push(...trailing);
  else if (trailing.length > 0) domains.comment = trailing.join("\n");
  root.items.push(new Pair(key("domains", domainsRemarks, true), domains));

  const entry = accountEntry(account);
  if (entry !== undefined) {
    root.items.push(new Pair(key("accounts", [], true), map([[account.id, map(entry, true)]])));
  }
  if (draft.providers.length > 0) {
    const providers = new YAMLMap();
    for (const provider of draft.providers) {
      providers.items.push(new Pair(key(provider.id), providerNode(provider)));
    }
    root.items.push(new Pair(key("providers", [], true), providers));
  }

  const document = new Document();
  document.contents = root;
  document.commentBefore = header(draft, schema);
  return document.toString({ lineWidth: LINE_WIDTH });
}
