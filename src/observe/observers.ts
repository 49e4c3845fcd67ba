// The observers the pipeline drives, narrowed to the methods it calls.

import type { DelegationWalker } from "./dns/index.js";
import type { RegistryObservation, RegistryProfile, Skipped } from "./observations.js";
import type { RegistrarDetailCache } from "./providers/registrar-detail-cache.js";
import type { ProviderObserver } from "./providers/types.js";
import type { RegistrationCache } from "./rdap/registration-cache.js";

/**
 * The walker; `probe` and `askServer` ask servers directly (a migration's target, record parity).
 */
export type DelegationSource = Pick<DelegationWalker, "walk"> &
  Partial<Pick<DelegationWalker, "probe" | "askServer">>;
/** The registry's record of a domain: RDAP, or WHOIS for registries without RDAP. */
export interface RegistrySource {
  lookup(domain: string): Promise<RegistryObservation | Skipped>;
  /** What the capability table says about the domain's registry. */
  profile?(domain: string): RegistryProfile | undefined;
  /** RDAP registrations of earlier runs; `lookup` always asks the registry. */
  readonly cache?: RegistrationCache;
}
/** An open provider adapter: its roles. */
export type ProviderSource = Pick<ProviderObserver, "id" | "registrar" | "dnsHost">;

/** An observer the run uses, or the reason it does not (`--no-aws`, no RDAP for the run). */
export type Optional<T> = { readonly kind: "enabled"; readonly source: T } | Skipped;

export interface Observers {
  readonly delegation: DelegationSource;
  readonly rdap: Optional<RegistrySource>;
  /**
   * The provider adapters, by provider id: each registered provider, open or skipped with the
   * reason (`--no-aws`). A provider missing here is not asked.
   */
  readonly providers: ReadonlyMap<string, Optional<ProviderSource>>;
  /** Registrar API details of earlier runs (Route 53 Domains `GetDomainDetail`); none: always asked. */
  readonly registrarDetails?: RegistrarDetailCache;
}
