// The semantic checks, across all files at once, and the assembly of the PolicySet. Runs only on
// files that passed the schema, so every value has the type the schema promises.
import { buildCatalog, isBuiltinProviderId } from "../catalog/catalog.js";
import {
  nameserverPatternProblem,
  wildcardRegistrableDomain,
} from "../catalog/nameserver-pattern.js";
import type { PolicyProviderDefinition, ProviderCatalog } from "../catalog/types.js";
import { embeddedRegistryTable } from "../data/registry-table.js";
import { mixedScripts } from "../names/mixed-script.js";
import {
  type NormalizedName,
  normalizeDomainName,
  normalizeTypedName,
} from "../names/normalize.js";
import { registrableDomainOf } from "../names/registrable-domain.js";
import { architectureOf, ROUTE53 } from "./architecture.js";
import { describeSubject } from "./data-path.js";
import type { Diagnostic, DiagnosticCode } from "./diagnostics.js";
import { didYouMean } from "./did-you-mean.js";
import { dnssecIntent } from "./dnssec-setting.js";
import type {
  PolicyDocument,
  PolicyDomainEntry,
  PolicyMigration,
  PolicySettings,
} from "./policy-document.js";
import {
  type AccountConfig,
  DEFAULT_PARITY_MAX_NAMES,
  type DnssecIntent,
  type DomainIntent,
  type MigrationIntent,
  type PolicySet,
  type ProviderMove,
  type SourcePosition,
  type Waiver,
} from "./types.js";
import type { DataPath, YamlLocator } from "./yaml-locator.js";

export interface ValidatedFile {
  readonly locator: YamlLocator;
  readonly document: PolicyDocument;
}

function formatPosition(position: SourcePosition): string {
  return `${position.file}:${position.line}:${position.column}`;
}

type Role = "registrar" | "dnsHost";
const ROLE_NAMES: Readonly<Record<Role, string>> = { registrar: "registrar", dnsHost: "DNS host" };

/** A provider or account reference, checked once where it is written (`ok: false` once reported). */
type Checked<T = string> = { readonly ok: true; readonly value: T } | { readonly ok: false };

/** The accounts a domain names, by provider id. */
type AccountsByProvider = Readonly<Record<string, string>>;

/** The provider of an `accounts:` entry that names none: AWS, as before providers had adapters. */
const DEFAULT_ACCOUNT_PROVIDER = ROUTE53;

/** A file's `defaults:`, checked once where they are written. */
interface Defaults {
  readonly providers: ReadonlyMap<Role, Checked>;
  readonly accounts: Checked<AccountsByProvider> | undefined;
}

class PolicySetBuilder {
  readonly diagnostics: Diagnostic[] = [];
  readonly #files: readonly ValidatedFile[];
  readonly #today: string;
  readonly #providerPlaces = new Map<string, SourcePosition>();
  readonly #accountPlaces = new Map<string, SourcePosition>();
  readonly #accounts = new Map<string, AccountConfig>();
  readonly #domainPlaces = new Map<string, SourcePosition>();
  readonly #domains: DomainIntent[] = [];
  readonly #waivers: Waiver[] = [];
  #catalog: ProviderCatalog = buildCatalog([]);

  readonly #registryScopes: ReadonlySet<string>;

  constructor(files: readonly ValidatedFile[], now: Date, registryScopes: ReadonlySet<string>) {
    this.#files = files;
    this.#registryScopes = registryScopes;
    this.#today = now.toISOString().slice(0, 10);
  }

  build(): PolicySet {
    // Providers and accounts are policy-set wide: collect them all before any domain refers to them.
    const definitions = this.#files.flatMap((file) => this.#collectProviders(file));
    this.#catalog = buildCatalog(definitions);
    for (const file of this.#files) this.#collectAccounts(file);
    for (const file of this.#files) this.#collectDomains(file);
    for (const file of this.#files) this.#collectWaivers(file);
    return {
      files: this.#files.map((file) => file.locator.path),
      domains: this.#domains,
      accounts: this.#accounts,
      waivers: this.#waivers,
      catalog: this.#catalog,
    };
  }

  #report(
    position: SourcePosition,
    code: DiagnosticCode,
    message: string,
    severity: Diagnostic["severity"] = "error",
  ): void {
    this.diagnostics.push({ ...position, severity, code, message });
  }

  /** A warning for a name with a label that mixes scripts, which can pass for another name. */
  #warnLookalike(
    position: SourcePosition,
    what: string,
    name: Extract<NormalizedName, { ok: true }>,
  ): void {
    for (const label of name.unicode.split(".")) {
      const scripts = mixedScripts(label);
      if (scripts === undefined) continue;
      this.#report(
        position,
        "mixed-script-name",
        `${what} \`${name.unicode}\` (\`${name.name}\`) mixes ${scripts.join(" and ")} letters in label \`${label}\`: it can pass for another name`,
        "warning",
      );
      return;
    }
  }

  /** Records a policy-set-wide id; false (and an error naming both places) when it is taken. */
  #claim(
    places: Map<string, SourcePosition>,
    id: string,
    position: SourcePosition,
    code: DiagnosticCode,
    what: string,
  ): boolean {
    const first = places.get(id);
    if (first === undefined) {
      places.set(id, position);
      return true;
    }
    this.#report(position, code, `${what} is already defined at ${formatPosition(first)}`);
    return false;
  }

  #collectProviders(file: ValidatedFile): PolicyProviderDefinition[] {
    const definitions: PolicyProviderDefinition[] = [];
    for (const [id, entry] of Object.entries(file.document.providers ?? {})) {
      const path = ["providers", id];
      const what = isBuiltinProviderId(id)
        ? `an extension of provider \`${id}\``
        : `provider \`${id}\``;
      if (
        !this.#claim(
          this.#providerPlaces,
          id,
          file.locator.keyPosition(path),
          "duplicate-provider",
          what,
        )
      ) {
        continue;
      }
      const patterns = entry.dnsHost?.nameservers ?? [];
      const usable = patterns.map((pattern, index) =>
        this.#checkPattern(file, [...path, "dnsHost", "nameservers", index], pattern, id),
      );
      const scopes = Object.keys(entry.registrar?.handles ?? {}).map((scope) =>
        this.#checkHandleScope(file, [...path, "registrar", "handles", scope], scope, id),
      );
      if (usable.includes(false) || scopes.includes(false)) continue;
      definitions.push({ id, ...entry });
    }
    return definitions;
  }

  /** Whether a policy's name-server pattern may be used; reports why not. */
  #checkPattern(file: ValidatedFile, path: DataPath, pattern: string, id: string): boolean {
    const position = file.locator.valuePosition(path);
    const problem = nameserverPatternProblem(pattern);
    if (problem !== undefined) {
      this.#report(
        position,
        "invalid-nameserver-pattern",
        `name-server pattern \`${pattern}\` of provider \`${id}\` is not usable: ${problem}`,
      );
      return false;
    }
    // Built-in patterns may span registrable domains (`ns-*.awsdns-*.com`); a policy's may not,
    // or a pull request could make a provider claim name servers anyone can register.
    const wildcard = wildcardRegistrableDomain(pattern);
    if (wildcard !== undefined) {
      const subject =
        wildcard.alternative === pattern.toLowerCase()
          ? "its registrable domain"
          : `the registrable domain of its alternative \`${wildcard.alternative}\``;
      this.#report(
        position,
        "nameserver-pattern-too-broad",
        `name-server pattern \`${pattern}\` of provider \`${id}\` is too broad: ${subject}, \`${wildcard.registrableDomain}\` (the public suffix and the label before it), holds a wildcard, so it would match name servers anyone can register; write that part out, as in \`*.ns.example.com\``,
      );
      return false;
    }
    return true;
  }

  /** Whether a handle scope names a TLD or a registry of the capability table; reports why not. */
  #checkHandleScope(file: ValidatedFile, path: DataPath, scope: string, id: string): boolean {
    if (this.#registryScopes.has(scope)) return true;
    this.#report(
      file.locator.keyPosition(path),
      "unknown-handle-scope",
      `handle scope \`${scope}\` of provider \`${id}\` is neither a TLD nor a registry id of the registry capability table${didYouMean(scope, this.#registryScopes)}`,
    );
    return false;
  }

  #collectAccounts(file: ValidatedFile): void {
    for (const [id, entry] of Object.entries(file.document.accounts ?? {})) {
      const position = file.locator.keyPosition(["accounts", id]);
      if (
        !this.#claim(this.#accountPlaces, id, position, "duplicate-account", `account \`${id}\``)
      ) {
        continue;
      }
      const { provider = DEFAULT_ACCOUNT_PROVIDER, ...written } = entry;
      const settings = Object.fromEntries(
        Object.entries(written).filter((pair): pair is [string, string] => pair[1] !== undefined),
      );
      this.#accounts.set(id, { id, provider, settings, position });
    }
  }

  #checkProvider(file: ValidatedFile, path: DataPath, id: string, role: Role): Checked {
    const provider = this.#catalog.get(id);
    const position = file.locator.valuePosition(path);
    if (provider === undefined) {
      if (this.#providerPlaces.has(id)) return { ok: false }; // its definition was already reported
      this.#report(
        position,
        "unknown-provider",
        `unknown provider \`${id}\` for ${describeSubject(path)}${didYouMean(id, this.#catalog.ids())}`,
      );
      return { ok: false };
    }
    if (provider[role] === undefined) {
      const other: Role = role === "registrar" ? "dnsHost" : "registrar";
      this.#report(
        position,
        "wrong-provider-role",
        `provider \`${id}\` is not a ${ROLE_NAMES[role]} (it is only a ${ROLE_NAMES[other]}): ${describeSubject(path)} needs one`,
      );
      return { ok: false };
    }
    return { ok: true, value: id };
  }

  #checkAccount(file: ValidatedFile, path: DataPath, id: string): Checked<AccountConfig> {
    const account = this.#accounts.get(id);
    if (account !== undefined) return { ok: true, value: account };
    const hint =
      this.#accounts.size === 0
        ? "; no accounts are declared under `accounts:`"
        : didYouMean(id, this.#accounts.keys());
    this.#report(
      file.locator.valuePosition(path),
      "unknown-account",
      `unknown account \`${id}\` for ${describeSubject(path)}${hint}`,
    );
    return { ok: false };
  }

  /** `account:` — one id or a list, at most one account per provider — as accounts by provider. */
  #checkAccounts(
    file: ValidatedFile,
    path: DataPath,
    written: string | readonly string[],
  ): Checked<AccountsByProvider> {
    const ids =
      typeof written === "string"
        ? [{ id: written, path }]
        : written.map((id, i) => ({ id, path: [...path, i] }));
    const byProvider: Record<string, string> = {};
    let ok = true;
    for (const { id, path: at } of ids) {
      const checked = this.#checkAccount(file, at, id);
      if (!checked.ok) {
        ok = false;
        continue;
      }
      const { provider } = checked.value;
      const taken = byProvider[provider];
      if (taken !== undefined) {
        this.#report(
          file.locator.valuePosition(at),
          "account-provider-repeated",
          `${describeSubject(path)} names two ${provider} accounts, \`${taken}\` and \`${id}\`: a domain is checked in one account per provider`,
        );
        ok = false;
        continue;
      }
      byProvider[provider] = id;
    }
    return ok ? { ok: true, value: byProvider } : { ok: false };
  }

  /** The file's defaults, each checked once where it is written. */
  #checkDefaults(file: ValidatedFile): Defaults {
    const defaults = file.document.defaults ?? {};
    const providers = new Map<Role, Checked>();
    for (const role of ["registrar", "dnsHost"] as const) {
      const id = defaults[role];
      if (id !== undefined)
        providers.set(role, this.#checkProvider(file, ["defaults", role], id, role));
    }
    const accounts =
      defaults.account === undefined
        ? undefined
        : this.#checkAccounts(file, ["defaults", "account"], defaults.account);
    return { providers, accounts };
  }

  #collectDomains(file: ValidatedFile): void {
    const defaults = this.#checkDefaults(file);
    for (const [key, value] of Object.entries(file.document.domains ?? {})) {
      const intent = this.#checkDomain(file, key, value ?? {}, defaults);
      if (intent !== undefined) this.#domains.push(intent);
    }
  }

  #checkDomain(
    file: ValidatedFile,
    key: string,
    entry: PolicyDomainEntry,
    defaults: Defaults,
  ): DomainIntent | undefined {
    const path = ["domains", key];
    const position = file.locator.keyPosition(path);
    const name = normalizeDomainName(key);
    if (!name.ok) {
      this.#report(
        position,
        "invalid-domain-name",
        `invalid domain name \`${key}\`: ${name.reason}`,
      );
      return undefined;
    }
    this.#warnLookalike(position, "domain", name);
    const first = this.#domainPlaces.get(name.name);
    if (first !== undefined) {
      const forms = [...new Set([name.name, name.unicode])].filter((form) => form !== key);
      const spelling =
        forms.length === 0 ? "" : ` (${forms.map((form) => `\`${form}\``).join(", ")})`;
      this.#report(
        position,
        "duplicate-domain",
        `domain \`${key}\`${spelling} is already declared at ${formatPosition(first)}`,
      );
      return undefined;
    }
    this.#domainPlaces.set(name.name, position);

    const provider = (role: Role): Checked | undefined => {
      const own = entry[role];
      if (own === undefined) return defaults.providers.get(role);
      return this.#checkProvider(file, [...path, role], own, role);
    };
    const registrar = provider("registrar");
    const dnsHost = provider("dnsHost");
    const migration =
      entry.migration === undefined
        ? undefined
        : this.#checkMigration(file, path, name.name, entry.migration, { registrar, dnsHost });
    const accounts =
      entry.account === undefined
        ? defaults.accounts
        : this.#checkAccounts(file, [...path, "account"], entry.account);
    const missing = [
      registrar === undefined ? "`registrar`" : undefined,
      dnsHost === undefined ? "`dnsHost`" : undefined,
    ].filter((field) => field !== undefined);
    if (missing.length > 0) {
      this.#report(
        position,
        "missing-provider",
        `domain \`${key}\` has no ${missing.join(" and no ")}: set ${missing.join(" and ")} on the domain or in this file's \`defaults:\``,
      );
    }
    const hostedZoneId = this.#checkHostedZoneId(
      file,
      path,
      entry,
      dnsHost,
      migration === false ? undefined : migration?.hostedZoneId,
    );
    const nameservers = this.#checkNameservers(file, path, entry, dnsHost);
    if (
      registrar?.ok !== true ||
      dnsHost?.ok !== true ||
      accounts?.ok === false ||
      hostedZoneId === false ||
      nameservers === false ||
      migration === false
    ) {
      return undefined;
    }
    const fileDefaults = file.document.defaults ?? {};
    const intent: DomainIntent = {
      name: name.name,
      unicode: name.unicode,
      registrableDomain: registrableDomainOf(name.name),
      position,
      registrar: registrar.value,
      dnsHost: dnsHost.value,
      architecture: architectureOf(registrar.value, dnsHost.value),
      nameservers,
      hostedZoneId,
      accounts: accounts?.value ?? {},
      hygiene: {
        expiryMinDays: (entry.expiry ?? fileDefaults.expiry)?.minDays,
        transferLock: entry.transferLock ?? fileDefaults.transferLock ?? "ignore",
        autoRenew: entry.autoRenew ?? fileDefaults.autoRenew ?? "ignore",
      },
      dnssec: this.#checkDnssec(file, path, entry, fileDefaults),
    };
    const owned = entry.owner === undefined ? intent : { ...intent, owner: entry.owner };
    return migration === undefined ? owned : { ...owned, migration: migration.intent };
  }

  /**
   * A domain's `migration:`. Each move names two different providers of its role, and its `to`
   * side is the domain's own `dnsHost` / `registrar`: the policy says where the domain ends up,
   * so dropping the block once the move is complete changes nothing else. `false` after an error.
   */
  #checkMigration(
    file: ValidatedFile,
    path: DataPath,
    zone: string,
    entry: PolicyMigration,
    declared: Readonly<Record<Role, Checked | undefined>>,
  ): { intent: MigrationIntent; hostedZoneId: string | undefined } | false {
    const at = [...path, "migration"];
    const moves: Partial<Record<Role, ProviderMove>> = {};
    let ok = true;
    for (const role of ["dnsHost", "registrar"] as const) {
      const move = entry[role];
      if (move === undefined) continue;
      const from = this.#checkProvider(file, [...at, role, "from"], move.from, role);
      const to = this.#checkProvider(file, [...at, role, "to"], move.to, role);
      if (!from.ok || !to.ok) {
        ok = false;
        continue;
      }
      if (from.value === to.value) {
        this.#report(
          file.locator.valuePosition([...at, role, "to"]),
          "migration-same-provider",
          `\`migration.${role}\` of ${describeSubject(path)} moves from \`${from.value}\` to itself: name the ${ROLE_NAMES[role]} it moves to, or remove \`migration.${role}\``,
        );
        ok = false;
        continue;
      }
      const own = declared[role];
      if (own?.ok === true && own.value !== to.value) {
        this.#report(
          file.locator.valuePosition([...at, role, "to"]),
          "migration-inconsistent",
          `${describeSubject(path)} has \`${role}: ${own.value}\` but migrates its ${ROLE_NAMES[role]} to \`${to.value}\`: \`${role}\` states where the domain ends up, so set \`${role}: ${to.value}\` on the domain`,
        );
        ok = false;
        continue;
      }
      moves[role] = { from: from.value, to: to.value };
    }
    if (entry.registrar !== undefined && registrableDomainOf(zone) !== zone) {
      this.#report(
        file.locator.keyPosition([...at, "registrar"]),
        "migration-inconsistent",
        `${describeSubject(path)} is a subdomain of \`${registrableDomainOf(zone)}\`: only registered domains move between registrars`,
      );
      ok = false;
    }
    if (entry.records !== undefined && entry.dnsHost === undefined) {
      this.#report(
        file.locator.keyPosition([...at, "records"]),
        "migration-inconsistent",
        `\`migration.records\` of ${describeSubject(path)} has no effect without \`migration.dnsHost\`: records are compared only when the DNS host changes`,
      );
      ok = false;
    }
    let hostedZoneId: string | undefined;
    if (entry.hostedZoneId !== undefined) {
      hostedZoneId = entry.hostedZoneId.replace(/^\/hostedzone\//, "");
      if (entry.dnsHost !== undefined && entry.dnsHost.to !== ROUTE53) {
        this.#report(
          file.locator.keyPosition([...at, "hostedZoneId"]),
          "hosted-zone-id-without-route53",
          `\`migration.hostedZoneId\` pins a Route 53 hosted zone, but ${describeSubject(path)} moves its DNS to \`${entry.dnsHost.to}\``,
        );
        ok = false;
      }
    }
    const names = this.#checkRecordNames(file, [...at, "records", "names"], zone, entry);
    if (!ok || names === false) return false;
    return {
      hostedZoneId,
      intent: {
        position: file.locator.keyPosition(at),
        dnsHost: moves.dnsHost,
        registrar: moves.registrar,
        records: {
          names,
          dkimSelectors: (entry.records?.dkimSelectors ?? []).map((s) => s.toLowerCase()),
          maxNames: entry.records?.maxNames ?? DEFAULT_PARITY_MAX_NAMES,
        },
      },
    };
  }

  /**
   * `migration.records.names` as absolute A-labels: `@` is the apex, a name ending in the zone is
   * absolute, anything else is relative to the zone; a name with a trailing dot must lie inside it.
   */
  #checkRecordNames(
    file: ValidatedFile,
    path: DataPath,
    zone: string,
    entry: PolicyMigration,
  ): readonly string[] | false {
    const names = new Set<string>();
    let ok = true;
    (entry.records?.names ?? []).forEach((written, index) => {
      const position = file.locator.valuePosition([...path, index]);
      if (written === "@") {
        names.add(zone);
        return;
      }
      const typed = normalizeTypedName(written);
      if (!typed.ok) {
        this.#report(
          position,
          "invalid-domain-name",
          `invalid name \`${written}\` in ${describeSubject(path)}: ${typed.reason}`,
        );
        ok = false;
        return;
      }
      const inside = typed.name === zone || typed.name.endsWith(`.${zone}`);
      if (!inside && written.endsWith(".")) {
        this.#report(
          position,
          "migration-name-outside-zone",
          `\`${written}\` in ${describeSubject(path)} is not inside \`${zone}\`: only the zone's own names move with it`,
        );
        ok = false;
        return;
      }
      const absolute = inside ? typed.name : `${typed.name}.${zone}`;
      if (absolute.length > 253) {
        this.#report(
          position,
          "invalid-domain-name",
          `\`${written}\` in ${describeSubject(path)} is longer than 253 characters below \`${zone}\``,
        );
        ok = false;
        return;
      }
      names.add(absolute);
    });
    return ok ? [...names].sort() : false;
  }

  /** The domain's DNSSEC intent; a warning when it sets signature days for a zone that must not sign. */
  #checkDnssec(
    file: ValidatedFile,
    path: DataPath,
    entry: PolicyDomainEntry,
    defaults: PolicySettings,
  ): DnssecIntent {
    const intent = dnssecIntent(entry.dnssec, defaults.dnssec);
    const own = entry.dnssec;
    if (
      intent.mode === "forbidden" &&
      typeof own === "object" &&
      own.signatureMinDays !== undefined
    ) {
      this.#report(
        file.locator.keyPosition([...path, "dnssec", "signatureMinDays"]),
        "dnssec-days-without-signing",
        `\`dnssec.signatureMinDays\` has no effect: ${describeSubject(path)} forbids DNSSEC, so there are no signatures to expire`,
        "warning",
      );
    }
    return intent;
  }

  /** The id without `/hostedzone/`, `undefined` when not given, `false` after an error. */
  #checkHostedZoneId(
    file: ValidatedFile,
    path: DataPath,
    entry: PolicyDomainEntry,
    dnsHost: Checked | undefined,
    migrationZone: string | undefined,
  ): string | undefined | false {
    if (entry.hostedZoneId === undefined) return migrationZone;
    const own = entry.hostedZoneId.replace(/^\/hostedzone\//, "");
    if (migrationZone !== undefined && migrationZone !== own) {
      this.#report(
        file.locator.valuePosition([...path, "migration", "hostedZoneId"]),
        "migration-inconsistent",
        `\`migration.hostedZoneId\` ${migrationZone} differs from the domain's \`hostedZoneId\` ${own}: pin one zone, in one place`,
      );
      return false;
    }
    if (dnsHost?.ok === true && dnsHost.value !== ROUTE53) {
      this.#report(
        file.locator.keyPosition([...path, "hostedZoneId"]),
        "hosted-zone-id-without-route53",
        `\`hostedZoneId\` pins a Route 53 hosted zone, but ${describeSubject(path)} is hosted by \`${dnsHost.value}\`: remove it or set \`dnsHost: route53\``,
      );
      return false;
    }
    return own;
  }

  /** Normalised, sorted, deduplicated; `undefined` when not given, `false` after an error. */
  #checkNameservers(
    file: ValidatedFile,
    path: DataPath,
    entry: PolicyDomainEntry,
    dnsHost: Checked | undefined,
  ): readonly string[] | undefined | false {
    if (entry.nameservers === undefined) return undefined;
    const host = dnsHost?.ok === true ? this.#catalog.get(dnsHost.value) : undefined;
    const names = new Set<string>();
    let failed = false;
    entry.nameservers.forEach((nameserver, index) => {
      const position = file.locator.valuePosition([...path, "nameservers", index]);
      const name = normalizeDomainName(nameserver);
      if (!name.ok) {
        this.#report(
          position,
          "invalid-nameserver",
          `name server \`${nameserver}\` of ${describeSubject(path)} is not a valid host name: ${name.reason}`,
        );
        failed = true;
        return;
      }
      this.#warnLookalike(position, "name server", name);
      if (
        host?.dnsHost !== undefined &&
        !this.#catalog.matchesNameserverPattern(host.id, name.name)
      ) {
        const patterns = host.dnsHost.nameservers.map((pattern) => `\`${pattern}\``).join(", ");
        this.#report(
          position,
          "nameserver-not-of-dns-host",
          `name server \`${nameserver}\` of ${describeSubject(path)} is not one of \`${host.id}\`'s name servers (${patterns})`,
        );
        failed = true;
        return;
      }
      names.add(name.name);
    });
    return failed ? false : [...names].sort();
  }

  #collectWaivers(file: ValidatedFile): void {
    (file.document.waivers ?? []).forEach((entry, index) => {
      const path = ["waivers", index];
      const domainPath = [...path, "domain"];
      const name = normalizeDomainName(entry.domain);
      if (!name.ok) {
        this.#report(
          file.locator.valuePosition(domainPath),
          "invalid-domain-name",
          `invalid domain name \`${entry.domain}\` in ${describeSubject(path)}: ${name.reason}`,
        );
        return;
      }
      if (!this.#domainPlaces.has(name.name)) {
        this.#report(
          file.locator.valuePosition(domainPath),
          "waiver-unknown-domain",
          `${describeSubject(path)} is for \`${entry.domain}\`, which no policy declares${didYouMean(name.name, this.#domainPlaces.keys())}`,
        );
        return;
      }
      const position = file.locator.keyPosition(path);
      if (entry.expires < this.#today) {
        this.#report(
          file.locator.valuePosition([...path, "expires"]),
          "waiver-expired",
          `${describeSubject(path)} (\`${entry.rule}\` on \`${entry.domain}\`) expired on ${entry.expires}: renew or remove it`,
          "warning",
        );
      }
      this.#waivers.push({
        domain: name.name,
        rule: entry.rule,
        reason: entry.reason,
        expires: entry.expires,
        position,
      });
    });
  }
}

export interface PolicySetOutcome {
  readonly policySet: PolicySet;
  readonly diagnostics: readonly Diagnostic[];
}

/** Checks the meaning of schema-valid files together and assembles the policy set. */
export function buildPolicySet(files: readonly ValidatedFile[], now: Date): PolicySetOutcome {
  const builder = new PolicySetBuilder(files, now, embeddedRegistryTable().scopes);
  const policySet = builder.build();
  return { policySet, diagnostics: builder.diagnostics };
}
