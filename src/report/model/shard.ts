import { createHash } from "node:crypto";

export interface Shard {
  /** 1-based, as people and GitHub matrices count: `--shard 1/4` ... `--shard 4/4`. */
  readonly index: number;
  readonly count: number;
}

/**
 * The shard a domain belongs to: a stable hash of its A-label, so every shard of a matrix job
 * agrees without coordination, and a domain stays in its shard from run to run.
 */
export function shardOf(domain: string, count: number): number {
  const digest = createHash("sha256").update(domain).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function parseShard(text: string): Shard | { error: string } {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count || count > 10_000) {
    return { error: `invalid shard "${text}": expected i/n with 1 <= i <= n, e.g. 2/4` };
  }
  return { index, count };
}
