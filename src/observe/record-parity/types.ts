// What record parity observes for a domain that migrates its DNS host: the RRsets the old host
// serves and the target host serves, asked of each side's servers directly (before the delegation
// points at the target), compared name by name and type by type. Rules read these; nothing here
// knows policy. Names are lower-case A-labels without the trailing dot.

/** One server address of one side, asked directly. */
export interface ParityServer {
  /** The server's host name (`ns-1.awsdns-01.org`), or the address itself when only that is known. */
  readonly name: string;
  readonly address: string;
}

/** Servers of one side the delegation walk did not ask, so record parity does not ask them either. */
export interface SideServersNotAsked {
  readonly side: "old" | "target";
  /** Each server (and addresses) with why the walk did not ask it. */
  readonly servers: readonly string[];
}

/** What to compare, and with whom: built by the pipeline from the policy's migration and the observations. */
export interface RecordParityRequest {
  /** The zone that moves (its apex). */
  readonly zone: string;
  /** The servers of the host the domain leaves. */
  readonly oldServers: readonly ParityServer[];
  /** The servers of the host the domain moves to (Route 53: the hosted zone's delegation set). */
  readonly targetServers: readonly ParityServer[];
  /** Names the policy lists for comparison, inside the zone. */
  readonly names: readonly string[];
  /** DKIM selectors the policy lists: `<selector>._domainkey.<zone>` is compared. */
  readonly dkimSelectors: readonly string[];
  /**
   * The names and types the target zone holds per its DNS host's API (Route 53
   * ListResourceRecordSets); undefined when the API cannot list records or was not asked.
   */
  readonly targetZoneRecords:
    | readonly { readonly name: string; readonly type: string }[]
    | undefined;
  /** At most this many names are compared; the rest are reported as left out, never silently. */
  readonly maxNames: number;
  /** Servers of either side the walk did not ask: not asked here, and reported, never silently. */
  readonly serversNotAsked?: readonly SideServersNotAsked[];
}

/** One RRset as one side served it. */
export interface ServedRRset {
  readonly ttl: number;
  /** Each record's data in presentation form, canonical (lower-case names, no trailing dot), sorted. */
  readonly data: readonly string[];
  /**
   * The type this side served when it is not the compared RRset's type: the target answers with an
   * A RRset (a Route 53 alias) where the old host has a CNAME. Absent when it is the same type.
   */
  readonly type?: string;
}

/** How one server of a side answered for the zone's apex SOA, asked of every server of both sides. */
export interface ParityServerState {
  readonly server: ParityServer;
  /** The SOA serial it serves, when it answered authoritatively. */
  readonly serial: number | undefined;
  /** Why it gave no usable answer; absent when it answered. */
  readonly reason?: string;
}

/**
 * A side whose servers do not all serve the zone alike: some give no authoritative answer, or they
 * serve different SOA serials (zone versions). Its RRsets were asked of the servers that answered,
 * in order, so another server of that side may serve other data.
 */
export interface SideDisagreement {
  readonly side: "old" | "target";
  readonly servers: readonly ParityServerState[];
}

/** What one name and type looked like on both sides. */
export type RRsetParity =
  /** The old host serves it and the target does not: the switch would break it. */
  | {
      readonly kind: "missing";
      readonly name: string;
      readonly type: string;
      readonly old: ServedRRset;
    }
  /** Both serve it with different data. */
  | {
      readonly kind: "differs";
      readonly name: string;
      readonly type: string;
      readonly old: ServedRRset;
      readonly target: ServedRRset;
    }
  /** Same data, other TTL: reported, not drift. */
  | {
      readonly kind: "ttl-differs";
      readonly name: string;
      readonly type: string;
      readonly oldTtl: number;
      readonly targetTtl: number;
    }
  /**
   * A side's servers were sent the question and none gave a usable answer (a timeout, REFUSED,
   * SERVFAIL, a reply without AA, ...): whether the RRset exists there is unknown; the reason says
   * the side and what each server did.
   */
  | {
      readonly kind: "unanswered";
      readonly name: string;
      readonly type: string;
      readonly reason: string;
    }
  /**
   * Not compared by design, whatever the servers serve: a delegation below the zone the target
   * lists, a listed name that cannot be asked, a type that is not asked (docs/migrations.md).
   */
  | {
      readonly kind: "not-compared";
      readonly name: string;
      readonly type: string;
      readonly reason: string;
    }
  /**
   * A question a side's servers were never sent (the observation's query budget or deadline, the
   * walker's address gate): nothing is known, and nobody asked; the reason names the limit.
   */
  | {
      readonly kind: "not-asked";
      readonly name: string;
      readonly type: string;
      readonly reason: string;
    };

export type RecordParityObservation =
  | {
      readonly kind: "compared";
      readonly oldServers: readonly ParityServer[];
      readonly targetServers: readonly ParityServer[];
      /** How many names and RRsets were compared. */
      readonly namesCompared: number;
      readonly rrsetsCompared: number;
      /** Every RRset that is not identical on both sides, or could not be compared. */
      readonly differences: readonly RRsetParity[];
      /** Names found but not compared (past `maxNames`), with why; absent when none. */
      readonly leftOut?: { readonly names: readonly string[]; readonly reason: string };
      /** Sides whose servers disagree (see SideDisagreement); absent when every server agrees. */
      readonly disagreements?: readonly SideDisagreement[];
      /** The request's servers the walk did not ask; absent when it asked them all. */
      readonly serversNotAsked?: readonly SideServersNotAsked[];
    }
  /** Parity could not be judged at all (no server of a side answered, no target zone), and why. */
  | { readonly kind: "not-compared"; readonly reason: string };
