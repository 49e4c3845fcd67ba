// The documented shape of the Namecheap XML API answers the adapter reads, checked before anything
// in them is used. Every answer is `<ApiResponse Status="OK|ERROR">` with `<Errors>` and a
// `<CommandResponse>`; a failure comes as HTTP 200 with Status="ERROR" and `<Error Number=...>`.
// The XML is parsed safely: bounded before it gets here, a document type declaration refused
// outright, no entity expanded, values kept as text. An answer outside the reference's shape is
// not an answer: the call fails with the problem, and the observation becomes unavailable.
import { XMLParser } from "fast-xml-parser";
import { hostName, nameServerList } from "../account-listing.js";
import type { RegisteredDomainSummary } from "../types.js";

export class MalformedNamecheapAnswer extends Error {
  override readonly name = "MalformedNamecheapAnswer";
  constructor(
    readonly operation: string,
    readonly problem: string,
  ) {
    super(`Namecheap answered ${operation} without its documented shape: ${problem}`);
  }
}

type XmlNode = Record<string, unknown>;

const isNode = (value: unknown): value is XmlNode =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  // No entity is expanded (no billion laughs), none of HTML's either; values stay text.
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: true,
  isArray: (name) => ARRAYS.has(name),
});
const ARRAYS = new Set(["Domain", "Error", "Nameserver"]);

const MAX_NAME_SERVERS = 16;
const MAX_ERRORS = 16;
const MAX_TEXT = 300;
/** Namecheap writes dates as MM/DD/YYYY. */
const US_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

/** One error of a Status="ERROR" answer. */
export interface NamecheapError {
  readonly number: string;
  readonly text: string;
}

export type NamecheapAnswer =
  | { readonly kind: "ok"; readonly response: XmlNode }
  | { readonly kind: "error"; readonly errors: readonly NamecheapError[] };

/** The ApiResponse of an answer: its CommandResponse, or its errors. */
export function apiResponse(operation: string, text: string): NamecheapAnswer {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new MalformedNamecheapAnswer(operation, "the answer declares a document type");
  }
  let document: unknown;
  try {
    document = parser.parse(text, true);
  } catch {
    throw new MalformedNamecheapAnswer(operation, "the answer is not XML");
  }
  const root = isNode(document) ? document.ApiResponse : undefined;
  if (!isNode(root)) throw new MalformedNamecheapAnswer(operation, "no ApiResponse");
  const status = root["@Status"];
  if (status === "ERROR") {
    const list = isNode(root.Errors) ? root.Errors.Error : undefined;
    if (!Array.isArray(list) || list.length === 0) {
      throw new MalformedNamecheapAnswer(operation, "Status=ERROR without an Error");
    }
    return {
      kind: "error",
      errors: list.slice(0, MAX_ERRORS).map((error) => ({
        number: isNode(error) && typeof error["@Number"] === "string" ? error["@Number"] : "?",
        text: (isNode(error) ? String(error["#text"] ?? "") : String(error)).slice(0, MAX_TEXT),
      })),
    };
  }
  if (status !== "OK") throw new MalformedNamecheapAnswer(operation, "no Status of OK or ERROR");
  const response = root.CommandResponse;
  if (!isNode(response)) throw new MalformedNamecheapAnswer(operation, "no CommandResponse");
  return { kind: "ok", response };
}

function flag(value: unknown, what: string): boolean {
  if (value === "true" || value === "True") return true;
  if (value === "false" || value === "False") return false;
  throw new Error(`${what} is not true or false`);
}

function usDate(value: unknown, what: string): string {
  const match = typeof value === "string" ? US_DATE.exec(value) : null;
  const iso = match === null ? "" : `${match[3]}-${match[1]}-${match[2]}T00:00:00.000Z`;
  if (Number.isNaN(Date.parse(iso))) throw new Error(`${what} is not a MM/DD/YYYY date`);
  return new Date(iso).toISOString();
}

function child(node: XmlNode, name: string, what: string): XmlNode {
  const found = node[name];
  if (!isNode(found)) throw new Error(`no ${what}`);
  return found;
}

function count(value: unknown, what: string): number {
  const n = Number(value);
  if (typeof value !== "string" || !Number.isInteger(n) || n < 0) {
    throw new Error(`${what} is not a count`);
  }
  return n;
}

/** A page of `namecheap.domains.getList`: its domains and how many the whole listing has. */
export function domainListPage(
  operation: string,
  response: XmlNode,
  pageSize: number,
): { readonly domains: RegisteredDomainSummary[]; readonly totalItems: number } {
  try {
    const result = child(response, "DomainGetListResult", "DomainGetListResult");
    const list = result.Domain ?? [];
    if (!Array.isArray(list) || list.length > pageSize) {
      throw new Error(`more than the ${pageSize} domains asked for`);
    }
    const domains = list.map((item): RegisteredDomainSummary => {
      if (!isNode(item)) throw new Error("a Domain is not an element");
      const name = hostName(item["@Name"], "a Domain's Name");
      return {
        name,
        autoRenew: flag(item["@AutoRenew"], `${name}'s AutoRenew`),
        transferLock: flag(item["@IsLocked"], `${name}'s IsLocked`),
        expiry: usDate(item["@Expires"], `${name}'s Expires`),
      };
    });
    const paging = child(response, "Paging", "Paging");
    return { domains, totalItems: count(paging.TotalItems, "Paging's TotalItems") };
  } catch (error) {
    throw new MalformedNamecheapAnswer(operation, (error as Error).message);
  }
}

/** What `namecheap.domains.getInfo` says of a domain: its status, expiry and listed name servers. */
export interface NamecheapDomainInfo {
  readonly name: string;
  readonly status: string;
  readonly expiry: string;
  /** Empty when DnsDetails lists none (then `domains.dns.getList` is asked). */
  readonly nameservers: readonly string[];
}

export function domainInfo(operation: string, response: XmlNode): NamecheapDomainInfo {
  try {
    const result = child(response, "DomainGetInfoResult", "DomainGetInfoResult");
    const name = hostName(result["@DomainName"], "DomainName");
    const status = result["@Status"];
    if (typeof status !== "string" || status === "" || status.length > 64) {
      throw new Error(`${name} has no Status`);
    }
    const details = child(result, "DomainDetails", "DomainDetails");
    const dns = child(result, "DnsDetails", "DnsDetails");
    return {
      name,
      status,
      expiry: usDate(details.ExpiredDate, `${name}'s ExpiredDate`),
      nameservers: nameServerList(dns.Nameserver ?? [], `${name}'s Nameserver`, MAX_NAME_SERVERS),
    };
  } catch (error) {
    throw new MalformedNamecheapAnswer(operation, (error as Error).message);
  }
}

/** The name servers `namecheap.domains.dns.getList` lists for a domain. */
export function dnsNameservers(
  operation: string,
  response: XmlNode,
  domain: string,
): readonly string[] {
  try {
    const result = child(response, "DomainDNSGetListResult", "DomainDNSGetListResult");
    if (hostName(result["@Domain"], "Domain") !== domain) {
      throw new Error("the answer is about another domain");
    }
    return nameServerList(result.Nameserver ?? [], `${domain}'s Nameserver`, MAX_NAME_SERVERS);
  } catch (error) {
    throw new MalformedNamecheapAnswer(operation, (error as Error).message);
  }
}
