// The two account-level listings, read across all pages. Pagination is bounded and must advance:
// a service (or emulator) that repeats a marker cannot keep a scan looping.

import { ListHostedZonesCommand, type Route53Client } from "@aws-sdk/client-route-53";
import {
  ListDomainsCommand,
  ListOperationsCommand,
  type OperationType,
  type Route53DomainsClient,
} from "@aws-sdk/client-route-53-domains";
import { comparableName, route53NameKey } from "../../../names/normalize.js";
import type { RegistrarOperation } from "../types.js";
import type { AwsOperation } from "./iam-actions.js";
import type { HostedZoneSummary, Listing, RegisteredDomainSummary } from "./types.js";
import { unavailable, unavailableFromError } from "./unavailable.js";

/** Route 53 caps both listings at 100 items a page. */
const PAGE_SIZE = 100;
/** 200,000 items: far beyond any account quota, small enough to bound a misbehaving service. */
const MAX_PAGES = 2_000;

type Page<T> = { readonly items: readonly T[]; readonly next: string | undefined };

async function readAllPages<T>(
  account: string,
  operation: AwsOperation,
  fetchPage: (marker: string | undefined) => Promise<Page<T>>,
  maxPages = MAX_PAGES,
): Promise<Listing<T>> {
  const items: T[] = [];
  const seen = new Set<string>();
  let marker: string | undefined;
  try {
    for (let page = 0; page < maxPages; page++) {
      const result = await fetchPage(marker);
      items.push(...result.items);
      if (result.next === undefined) return { kind: "ok", account, items };
      if (seen.has(result.next)) {
        return unavailable(account, `${operation} returned the page marker "${result.next}" twice`);
      }
      seen.add(result.next);
      marker = result.next;
    }
  } catch (error) {
    return unavailableFromError(account, operation, error);
  }
  return unavailable(account, `${operation} returned more than ${maxPages} pages`);
}

/** `ListDomains` (Route 53 Domains): every domain registered in the account. */
export function listRegisteredDomains(
  account: string,
  client: Route53DomainsClient,
): Promise<Listing<RegisteredDomainSummary>> {
  return readAllPages(account, "ListDomains", async (marker) => {
    const out = await client.send(
      new ListDomainsCommand({
        MaxItems: PAGE_SIZE,
        ...(marker === undefined ? {} : { Marker: marker }),
      }),
    );
    const items: RegisteredDomainSummary[] = [];
    for (const d of out.Domains ?? []) {
      if (d.DomainName === undefined) continue;
      items.push({
        name: comparableName(d.DomainName),
        autoRenew: d.AutoRenew,
        transferLock: d.TransferLock,
        expiry: d.Expiry?.toISOString(),
      });
    }
    return { items, next: out.NextPageMarker || undefined };
  });
}

/** `ListHostedZones` (Route 53): the account's public hosted zones; private zones are left out. */
export function listPublicHostedZones(
  account: string,
  client: Route53Client,
): Promise<Listing<HostedZoneSummary>> {
  return readAllPages(account, "ListHostedZones", async (marker) => {
    const out = await client.send(
      new ListHostedZonesCommand({
        MaxItems: PAGE_SIZE,
        ...(marker === undefined ? {} : { Marker: marker }),
      }),
    );
    const items: HostedZoneSummary[] = [];
    for (const zone of out.HostedZones ?? []) {
      if (zone.Config?.PrivateZone === true || zone.Id === undefined || zone.Name === undefined) {
        continue;
      }
      items.push({
        id: zone.Id.replace(/^\/hostedzone\//, ""),
        name: route53NameKey(zone.Name),
        recordCount: zone.ResourceRecordSetCount,
      });
    }
    return { items, next: out.IsTruncated ? out.NextMarker : undefined };
  });
}

/** An operation of the account, with the domain it concerns. */
export interface AccountOperation extends RegistrarOperation {
  readonly domain: string;
}

/**
 * Operations listed per run: 20 pages of 100. An account with more operations of these types in
 * the window than that is unavailable with the reason, never cut silently.
 */
const MAX_OPERATION_PAGES = 20;

/** `ListOperations` (Route 53 Domains): the account's operations of `types` submitted since `since`. */
export function listOperations(
  account: string,
  client: Route53DomainsClient,
  types: readonly string[],
  since: Date,
): Promise<Listing<AccountOperation>> {
  return readAllPages(
    account,
    "ListOperations",
    async (marker) => {
      const out = await client.send(
        new ListOperationsCommand({
          MaxItems: PAGE_SIZE,
          SubmittedSince: since,
          Type: types as OperationType[],
          SortBy: "SubmittedDate",
          SortOrder: "DESC",
          ...(marker === undefined ? {} : { Marker: marker }),
        }),
      );
      const items: AccountOperation[] = [];
      for (const op of out.Operations ?? []) {
        if (op.OperationId === undefined || op.DomainName === undefined) continue;
        items.push({
          domain: comparableName(op.DomainName),
          id: op.OperationId,
          type: String(op.Type ?? ""),
          status: String(op.Status ?? ""),
          submittedAt: op.SubmittedDate?.toISOString(),
          lastUpdatedAt: op.LastUpdatedDate?.toISOString(),
          message: op.Message,
          statusFlag: op.StatusFlag,
        });
      }
      return { items, next: out.NextPageMarker || undefined };
    },
    MAX_OPERATION_PAGES,
  );
}
