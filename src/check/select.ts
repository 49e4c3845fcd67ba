// Which policy domains a run checks: `--only` patterns and `--shard i/n`.
import { compileNameserverPatterns } from "../catalog/nameserver-pattern.js";
import type { DomainIntent } from "../policy/types.js";
import { type Shard, shardOf } from "../report/model/shard.js";

export interface DomainSelection {
  /** Host-name globs (`*` within one label); a domain is kept if its A-label or Unicode form matches one. */
  readonly only: readonly string[] | undefined;
  readonly shard: Shard | undefined;
}

export const ALL_DOMAINS: DomainSelection = { only: undefined, shard: undefined };

export function selectDomains(
  domains: readonly DomainIntent[],
  selection: DomainSelection,
): DomainIntent[] {
  const { only, shard } = selection;
  const matches = only ? compileNameserverPatterns(only) : undefined;
  return domains.filter(
    (d) =>
      (!matches || matches(d.name) || matches(d.unicode)) &&
      (!shard || shardOf(d.name, shard.count) === shard.index),
  );
}
