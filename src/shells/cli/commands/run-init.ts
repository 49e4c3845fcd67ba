// What `domain-drift init` does (its options are in ./init.ts, which loads this module only when the
// command runs): writes policy files describing provider accounts as they are today, one per
// account, validated before they are written. AWS accounts come from profiles (`--profile`); any
// other provider's account from its `accounts:` entry (`--account`, `--set key=value`).
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { openCheckSession } from "../../../check/session.js";
import { writeFileSafely } from "../../../files/write-safely.js";
import {
  type AccountDraft,
  accountEntry,
  draftPolicies,
  type GeneratedFile,
  type InitAccount,
  policyFileName,
  policySchemaReference,
  renderAccountPolicy,
  validateGeneratedPolicies,
} from "../../../init/index.js";
import { DEFAULT_ACCOUNT } from "../../../observe/providers/default-account.js";
import type { ProviderAccount } from "../../../observe/providers/types.js";
import { ROUTE53 } from "../../../policy/architecture.js";
import { formatDiagnostic } from "../../../policy/diagnostics.js";
import { parsePolicySources } from "../../../policy/load.js";
import { ExitCode } from "../../../report/model/exit-codes.js";
import { plainLine } from "../../../text/sanitize.js";
import { observerSettings } from "../observer-options.js";
import type { CliContext } from "../program.js";
import { type InitOptionValues, listingProviders } from "./init.js";

/** The policy language's account ids: the profile name becomes one, and part of a file name. */
const ACCOUNT_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

interface PlannedFile {
  readonly account: InitAccount;
  /** As diagnostics and the summary show it. */
  readonly display: string;
  readonly absolute: string;
}

function awsInitAccounts(profiles: readonly string[]): InitAccount[] | { error: string } {
  if (profiles.length === 0) return [{ id: DEFAULT_ACCOUNT, profile: undefined }];
  const bad = profiles.find((profile) => !ACCOUNT_ID.test(profile));
  if (bad !== undefined) {
    return {
      error: `--profile ${JSON.stringify(bad)}: the profile name becomes the policy's account id, which allows letters, digits, \`_\`, \`.\` and \`-\` (at most 64, starting with a letter or digit)`,
    };
  }
  return [...new Set(profiles)].map((profile) => ({ id: profile, profile }));
}

/** Another provider's one account: its id and the keys of its `accounts:` entry. */
function providerInitAccount(
  provider: string,
  values: InitOptionValues,
): InitAccount | { error: string } {
  const id = values.account ?? provider;
  if (!ACCOUNT_ID.test(id)) {
    return {
      error: `--account ${JSON.stringify(id)}: an account id allows letters, digits, \`_\`, \`.\` and \`-\` (at most 64, starting with a letter or digit)`,
    };
  }
  const settings: Record<string, string> = {};
  for (const pair of values.set) {
    const match = /^([A-Za-z][A-Za-z0-9]{0,63})=(.*)$/s.exec(pair);
    if (match === null || match[1] === "provider") {
      return {
        error: `--set ${JSON.stringify(pair)}: give a key of the account entry and its value, as accountId=023e...`,
      };
    }
    settings[match[1] as string] = match[2] as string;
  }
  return { id, provider, settings };
}

/** The accounts `--from` (or `--from-aws`) names, or why the options do not fit together. */
function initAccounts(values: InitOptionValues): InitAccount[] | { error: string } {
  const providers = listingProviders();
  if (values.fromAws && values.from !== undefined && values.from !== ROUTE53) {
    return { error: "give --from-aws or --from, not both" };
  }
  const from = values.fromAws ? ROUTE53 : values.from;
  if (from === undefined) {
    return { error: `give --from-aws, or --from <provider> (${providers.join(", ")})` };
  }
  if (!providers.includes(from)) {
    return {
      error: `--from ${JSON.stringify(from)}: init reads ${providers.join(", ")} (the providers whose API lists an account)`,
    };
  }
  if (from === ROUTE53) {
    if (values.account !== undefined || values.set.length > 0) {
      return { error: "AWS accounts are read by profile: give --profile, not --account or --set" };
    }
    if (!values.aws) return { error: "--from route53 reads the AWS accounts: drop --no-aws" };
    return awsInitAccounts(values.profile);
  }
  if (values.profile.length > 0) return { error: `--profile is for AWS; ${from} takes --set` };
  const account = providerInitAccount(from, values);
  return "error" in account ? account : [account];
}

/** The accounts as the session's observers reach them; AWS's default chain needs no entry. */
function providerAccounts(accounts: readonly InitAccount[]): Map<string, ProviderAccount> {
  return new Map(
    accounts.flatMap((account): [string, ProviderAccount][] => {
      if (account.provider !== undefined) {
        return [
          [account.id, { id: account.id, provider: account.provider, settings: account.settings }],
        ];
      }
      return account.profile === undefined
        ? []
        : [
            [
              account.id,
              { id: account.id, provider: ROUTE53, settings: { profile: account.profile } },
            ],
          ];
    }),
  );
}

/**
 * Another provider's account entry, checked by the policy schema before any API is asked: a key
 * the provider does not have, or a value of the wrong form, is bad input (exit 2).
 */
function checkAccountEntry(account: InitAccount, now: Date): readonly string[] {
  const entry = accountEntry(account);
  if (account.provider === undefined || entry === undefined) return [];
  const text = stringify({
    version: 1,
    accounts: { [account.id]: Object.fromEntries(entry) },
    domains: {},
  });
  const path = `(the account entry of --from ${account.provider} --set)`;
  const checked = parsePolicySources([{ path, bytes: new TextEncoder().encode(text) }], { now });
  return checked.ok ? [] : checked.diagnostics.map(formatDiagnostic);
}

function summaryLines(file: PlannedFile, draft: AccountDraft): string[] {
  const declared = draft.domains.filter((d) => d.kind === "declared").length;
  const undecided = draft.domains.length - declared;
  const lines = [
    `wrote ${file.display}: ${declared} domain${declared === 1 ? "" : "s"} declared${undecided > 0 ? `, ${undecided} left undecided (commented out)` : ""}`,
  ];
  for (const note of draft.notes) lines.push(`  ? ${note}`);
  for (const domain of draft.domains) {
    if (domain.kind === "undecided") {
      lines.push(`  ? ${domain.unicode}: ${domain.notes[0]}`);
      continue;
    }
    const rules = [...new Set(domain.findings.map((f) => f.rule))];
    if (rules.length > 0) lines.push(`  ! ${domain.unicode}: ${rules.join(", ")}`);
    for (const note of domain.notes.filter((n) => n.startsWith("? "))) {
      lines.push(`  ? ${domain.unicode}: ${note.slice(2)}`);
    }
    if (domain.notChecked.length > 0) {
      lines.push(
        `  ? ${domain.unicode}: not checked: ${domain.notChecked.map((c) => c.name).join(", ")}`,
      );
    }
  }
  return lines;
}

export async function runInit(context: CliContext, values: InitOptionValues): Promise<void> {
  const { io } = context;
  const fail = (message: string) => {
    io.stderr.write(`domain-drift init: ${message}\n`);
    context.exitCode = ExitCode.InvalidInput;
  };
  const accounts = initAccounts(values);
  if ("error" in accounts) return fail(accounts.error);
  const now = new Date();
  for (const account of accounts) {
    const problems = checkAccountEntry(account, now);
    for (const problem of problems) io.stderr.write(`${problem}\n`);
    if (problems.length > 0) return fail("the account entry does not validate; nothing was read");
  }

  const outDisplay = path.posix.normalize(values.out.replaceAll("\\", "/"));
  const outAbsolute = path.resolve(io.cwd, values.out);
  if (existsSync(outAbsolute) && !statSync(outAbsolute).isDirectory()) {
    return fail(`--out ${outDisplay} is not a directory`);
  }
  const files: PlannedFile[] = accounts.map((account) => ({
    account,
    display: path.posix.join(outDisplay, policyFileName(account)),
    absolute: path.join(outAbsolute, policyFileName(account)),
  }));
  const taken = files.filter((file) => existsSync(file.absolute));
  if (taken.length > 0 && !values.force) {
    return fail(
      `${taken.map((f) => f.display).join(", ")} ${taken.length === 1 ? "exists" : "exist"} already: give --force to overwrite, or another --out`,
    );
  }

  // Another provider's account is described by its own API: Route 53 is not asked beside it.
  const fromAws = accounts.every((account) => account.provider === undefined);
  const settings = { ...observerSettings(values, io.cwd), aws: fromAws && values.aws };
  const opened = await openCheckSession(settings, providerAccounts(accounts));
  if (!opened.ok) return fail(opened.message);
  const { session } = opened;
  for (const warning of session.warnings) io.stderr.write(`domain-drift init: ${warning}\n`);
  let draft: Awaited<ReturnType<typeof draftPolicies>>;
  try {
    draft = await draftPolicies({
      observers: session.observers,
      accounts,
      domainsObservedAtOnce: settings.domainsObservedAtOnce,
      now,
    });
  } finally {
    await session.close();
  }

  const schema = policySchemaReference(outAbsolute, io.cwd);
  const generated: GeneratedFile[] = draft.files.map((file, index) => ({
    path: files[index]?.display ?? policyFileName(file.account),
    text: renderAccountPolicy(file, schema),
  }));
  const validated = await validateGeneratedPolicies(generated, {
    cwd: io.cwd,
    outDir: values.out,
    now,
  });
  for (const diagnostic of validated.diagnostics)
    io.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  if (!validated.ok) {
    return fail(
      `the generated policies do not validate together with the policies in ${outDisplay}; nothing was written`,
    );
  }

  for (const [index, file] of files.entries()) {
    const text = generated[index]?.text ?? "";
    const written = await writeFileSafely(file.absolute, [text], {
      overwrite: values.force === true,
    });
    if (!written.ok) {
      io.stderr.write(`domain-drift init: cannot write ${file.display}: ${written.message}\n`);
      context.exitCode = ExitCode.OutputFailed;
      return;
    }
  }

  const lines = draft.files.flatMap((file, index) => {
    const planned = files[index];
    return planned ? summaryLines(planned, file) : [];
  });
  if (lines.some((line) => line.startsWith("  !"))) {
    lines.push("Inconsistencies found today are remarks marked ! in the files: review them.");
  }
  if (draft.incomplete) {
    lines.push("Some facts could not be observed: see the remarks marked ? (exit code 3).");
  }
  // The lines quote observed names and messages (RDAP, DNS): one clean line each.
  io.stdout.write(`${lines.map(plainLine).join("\n")}\n`);
  context.exitCode = draft.incomplete ? ExitCode.Incomplete : ExitCode.Ok;
}
