// A wire-level emulator of the Namecheap XML API commands domain-drift reads, on a loopback HTTP
// server the adapter reaches through NAMECHEAP_BASE_URL. Built from the published API reference:
// one endpoint (`/xml.response`), the global parameters ApiUser, ApiKey, UserName and ClientIp on
// every call, and every answer an `<ApiResponse Status="OK|ERROR">` sent with HTTP 200, failures as
// `<Errors><Error Number="...">`: 1011102 for an unknown key or a user without API access, 1011150
// for a client IP not whitelisted, 2019166 for a domain not in the account, 500000 for too many
// requests. `namecheap.domains.getList` pages by Page and PageSize (10 to 100) with `<Paging>`;
// `namecheap.domains.getInfo`, `namecheap.domains.dns.getList` and
// `namecheap.domains.getRegistrarLock` answer for one domain. Used by the tests.
import type { ApiFaults, EmulatedApi, RoutedCall } from "./api-emulator-kit.js";
import { OperationFaults, startApiEmulatorServer } from "./api-emulator-kit.js";

export type NamecheapCommand =
  | "namecheap.domains.getList"
  | "namecheap.domains.getInfo"
  | "namecheap.domains.dns.getList"
  | "namecheap.domains.getRegistrarLock";

const COMMANDS: readonly NamecheapCommand[] = [
  "namecheap.domains.getList",
  "namecheap.domains.getInfo",
  "namecheap.domains.dns.getList",
  "namecheap.domains.getRegistrarLock",
];

export interface NamecheapDomainSpec {
  readonly domain: string;
  readonly autoRenew?: boolean;
  readonly locked?: boolean;
  /** MM/DD/YYYY. */
  readonly expires?: string;
  /** getInfo's Status: Ok, Locked, Expired. */
  readonly status?: string;
  /** The name servers; Namecheap's own pair when left out. */
  readonly nameServers?: readonly string[];
  /** getInfo lists no Nameserver (then only dns.getList shows them). */
  readonly nameServersOnlyInDns?: boolean;
}

export interface NamecheapCredentials {
  readonly apiUser: string;
  readonly apiKey: string;
}

export interface EmulatedNamecheapUser {
  readonly apiUser: string;
  addDomain(spec: NamecheapDomainSpec): void;
  /** The user's API key (one per user); `apiAccess: false` is a user who has not enabled it. */
  credentials(): NamecheapCredentials;
  /** The client IPs the user whitelisted; 127.0.0.1 unless changed. */
  whitelist(ips: readonly string[]): void;
  setApiAccess(enabled: boolean): void;
}

/** A rate limit answers error 500000, too many requests; an answer is the XML text to send. */
export type NamecheapFaults = ApiFaults<NamecheapCommand, undefined, string>;

export interface LoggedNamecheapRequest {
  readonly command: NamecheapCommand | "unknown";
  /** The command's own parameters (the global ones, the key among them, are left out). */
  readonly params: string;
  /** The Error Number of a Status="ERROR" answer. */
  readonly error: string | undefined;
}

export interface NamecheapEmulator
  extends EmulatedApi<NamecheapCommand, NamecheapFaults, LoggedNamecheapRequest> {
  /** `http://127.0.0.1:<port>/xml.response`, what NAMECHEAP_BASE_URL points at. */
  readonly baseUrl: string;
  addUser(name: string): EmulatedNamecheapUser;
}

interface StoredUser {
  readonly apiKey: string;
  whitelist: readonly string[];
  apiAccess: boolean;
  readonly domains: Map<string, NamecheapDomainSpec>;
}

const GLOBAL = new Set(["ApiUser", "ApiKey", "UserName", "ClientIp", "Command"]);
const OWN_NAME_SERVERS = ["dns1.registrar-servers.com", "dns2.registrar-servers.com"];

const xmlText = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function envelope(command: string, status: "OK" | "ERROR", errors: string, body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<ApiResponse Status="${status}" xmlns="http://api.namecheap.com/xml.response">
  <Errors>${errors}</Errors>
  <Warnings />
  <RequestedCommand>${xmlText(command.toLowerCase())}</RequestedCommand>
  ${body}
  <Server>EMULATOR</Server>
  <GMTTimeDifference>--5:00</GMTTimeDifference>
  <ExecutionTime>0.01</ExecutionTime>
</ApiResponse>`;
}

const error = (command: string, number: string, text: string) =>
  envelope(command, "ERROR", `<Error Number="${number}">${xmlText(text)}</Error>`, "");

const ok = (command: string, body: string) =>
  envelope(
    command,
    "OK",
    "",
    `<CommandResponse Type="${xmlText(command.toLowerCase())}">${body}</CommandResponse>`,
  );

export async function startNamecheapEmulator(): Promise<NamecheapEmulator> {
  let nextId = 1;
  const users = new Map<string, StoredUser>();
  // Namecheap names no retry time, and its answers are XML text.
  const faults = new OperationFaults<NamecheapCommand, undefined, string>(undefined);

  const nameServersOf = (d: NamecheapDomainSpec) => d.nameServers ?? OWN_NAME_SERVERS;

  function getList(command: string, user: StoredUser, query: URLSearchParams): string {
    const page = Number(query.get("Page") ?? "1");
    const size = Number(query.get("PageSize") ?? "20");
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 10 || size > 100) {
      return error(command, "2011170", "Parameter PageSize or Page is invalid");
    }
    const all = [...user.domains.values()].sort((a, b) =>
      a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0,
    );
    const rows = all.slice((page - 1) * size, page * size).map((d, i) => {
      const ours = nameServersOf(d).every((ns) => ns.endsWith(".registrar-servers.com"));
      return `<Domain ID="${1000 + i}" Name="${xmlText(d.domain)}" User="owner" Created="01/01/2019" Expires="${d.expires ?? "01/01/2030"}" IsExpired="false" IsLocked="${d.locked ?? true}" AutoRenew="${d.autoRenew ?? true}" WhoisGuard="ENABLED" IsPremium="false" IsOurDNS="${ours}"/>`;
    });
    return ok(
      command,
      `<DomainGetListResult>${rows.join("")}</DomainGetListResult><Paging><TotalItems>${all.length}</TotalItems><CurrentPage>${page}</CurrentPage><PageSize>${size}</PageSize></Paging>`,
    );
  }

  function oneDomain(command: NamecheapCommand, user: StoredUser, query: URLSearchParams): string {
    const name =
      command === "namecheap.domains.dns.getList"
        ? `${query.get("SLD") ?? ""}.${query.get("TLD") ?? ""}`
        : (query.get("DomainName") ?? "");
    const d = user.domains.get(name);
    if (d === undefined) return error(command, "2019166", "Domain not found");
    const servers = nameServersOf(d)
      .map((ns) => `<Nameserver>${xmlText(ns)}</Nameserver>`)
      .join("");
    const ours = nameServersOf(d).every((ns) => ns.endsWith(".registrar-servers.com"));
    switch (command) {
      case "namecheap.domains.dns.getList":
        return ok(
          command,
          `<DomainDNSGetListResult Domain="${xmlText(name)}" IsUsingOurDNS="${ours}">${servers}</DomainDNSGetListResult>`,
        );
      case "namecheap.domains.getRegistrarLock":
        return ok(
          command,
          `<DomainGetRegistrarLockResult Domain="${xmlText(name)}" RegistrarLockStatus="${d.locked ?? true}"/>`,
        );
      default:
        return ok(
          command,
          `<DomainGetInfoResult Status="${xmlText(d.status ?? "Ok")}" ID="1" DomainName="${xmlText(name)}" OwnerName="owner" IsOwner="true" IsPremium="false"><DomainDetails><CreatedDate>01/01/2019</CreatedDate><ExpiredDate>${d.expires ?? "01/01/2030"}</ExpiredDate><NumYears>0</NumYears></DomainDetails><LockDetails /><Whoisguard Enabled="True"><ID>1</ID><ExpiredDate>01/01/2030</ExpiredDate></Whoisguard><DnsDetails ProviderType="${ours ? "FREE" : "CUSTOM"}" IsUsingOurDNS="${ours}" HostCount="0">${d.nameServersOnlyInDns ? "" : servers}</DnsDetails><Modificationrights All="true" /></DomainGetInfoResult>`,
        );
    }
  }

  function respond(query: URLSearchParams): { command: NamecheapCommand | "unknown"; xml: string } {
    const asked = query.get("Command") ?? "";
    const command = COMMANDS.find((c) => c.toLowerCase() === asked.toLowerCase()) ?? "unknown";
    if (command === "unknown") {
      return { command, xml: error(asked, "1010501", "Invalid Command") };
    }
    const user = users.get(query.get("ApiUser") ?? "");
    if (user === undefined || user.apiKey !== query.get("ApiKey") || !user.apiAccess) {
      return {
        command,
        xml: error(command, "1011102", "API Key is invalid or API access has not been enabled"),
      };
    }
    const ip = query.get("ClientIp") ?? "";
    if (!user.whitelist.includes(ip)) {
      return { command, xml: error(command, "1011150", `Invalid request IP: ${ip}`) };
    }
    if (faults.takeRateLimit(command) !== undefined) {
      return { command, xml: error(command, "500000", "Too many requests") };
    }
    const canned = faults.takeAnswer(command);
    if (canned !== undefined) return { command, xml: String(canned.body) };
    return {
      command,
      xml:
        command === "namecheap.domains.getList"
          ? getList(command, user, query)
          : oneDomain(command, user, query),
    };
  }

  // Namecheap answers every call with HTTP 200: success and failure alike are in the XML.
  const server = await startApiEmulatorServer({
    faults,
    textType: "text/xml; charset=utf-8",
    route(req, url): RoutedCall<NamecheapCommand> {
      const { command, xml } =
        req.method === "GET" && url.pathname === "/xml.response"
          ? respond(url.searchParams)
          : { command: "unknown" as const, xml: error("", "1010501", "Invalid request") };
      return { operation: command, answer: { status: 200, body: xml } };
    },
    logEntry({ operation, answer }, url) {
      const params = [...url.searchParams].filter(([name]) => !GLOBAL.has(name));
      return {
        command: operation,
        params: new URLSearchParams(params).toString(),
        error: /<Error Number="(\d+)"/.exec(String(answer.body))?.[1],
      };
    },
  });

  return {
    ...server.api,
    baseUrl: `${server.origin}/xml.response`,
    addUser(name) {
      const user: StoredUser = {
        apiKey: `nc${String(nextId++).padStart(4, "0")}${"f".repeat(28)}`,
        whitelist: ["127.0.0.1"],
        apiAccess: true,
        domains: new Map(),
      };
      users.set(name, user);
      return {
        apiUser: name,
        addDomain(spec) {
          user.domains.set(spec.domain, spec);
        },
        credentials: () => ({ apiUser: name, apiKey: user.apiKey }),
        whitelist(ips) {
          user.whitelist = ips;
        },
        setApiAccess(enabled) {
          user.apiAccess = enabled;
        },
      };
    },
  };
}
