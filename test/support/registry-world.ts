// A world of registries on loopback for the registry tests: one RDAP server in the registry role
// serving the real-shaped fixtures of fixtures/rdap/registries/, one in the registrar role serving
// fixtures/rdap/registrars/ behind thin-registry links, and one WHOIS server answering every
// WHOIS-only registry's query with fixtures/whois/. The shipped capability table is used with its
// WHOIS hosts pointed at the lab server; the fixtures' own https links are pointed at the lab too.
import { readFile } from "node:fs/promises";
import {
  embeddedRegistryTable,
  parseRegistryTable,
  type RegistryTable,
} from "../../src/data/registry-table.js";
import {
  type LabRdapServer,
  renderLabBootstrap,
  startLabRdapServer,
} from "../../src/lab/rdap-server.js";
import { type LabWhoisServer, startLabWhoisServer } from "../../src/lab/whois-server.js";
import { parseRdapBootstrap, type RdapBootstrap } from "../../src/observe/rdap/index.js";

const FIXTURES = new URL("../../fixtures/", import.meta.url);

/** Registry RDAP fixtures: domain → file under fixtures/rdap/registries/. */
export const RDAP_REGISTRY_FIXTURES: Readonly<Record<string, string>> = {
  "example-brand.com": "../verisign-com.json",
  "example-brand.cz": "cz-nic.json",
  "example-brand.fr": "afnic-fr.json",
  "example-brand.no": "norid-no.json",
  "example-brand.moscow": "flexireg-moscow.json",
  "example-brand.xin": "zdns-xin.json",
  "example-brand.xyz": "centralnic-xyz.json",
  "example-brand.click": "click-registry.json",
  "example-brand.co.uk": "nominet-uk.json",
  "example-brand.com.br": "registro-br.json",
};

/** Registrar-side RDAP fixtures, each behind a thin registry answer for its own .net domain. */
export const RDAP_REGISTRAR_FIXTURES: Readonly<Record<string, string>> = {
  "markmonitor-brand.net": "../registrar-markmonitor.json",
  "comlaude-brand.net": "comlaude.json",
  "namecheap-brand.net": "namecheap.json",
  "godaddy-brand.net": "godaddy.json",
  "nomeo-brand.net": "nomeo.json",
};

/** WHOIS fixtures: domain → file under fixtures/whois/. */
export const WHOIS_FIXTURES: Readonly<Record<string, string>> = {
  "example-brand.de": "denic-de.txt",
  "example-brand.io": "icann-io.txt",
  "example-brand.co": "icann-co.txt",
  "example-brand.eu": "eurid-eu.txt",
  "example-brand.ch": "switch-ch.txt",
  "example-brand.se": "iis-se.txt",
  "example-brand.it": "nic-it.txt",
  "example-brand.be": "dns-belgium-be.txt",
  "example-brand.at": "nic-at.txt",
  "example-brand.dk": "punktum-dk.txt",
  "example-brand.jp": "jprs-jp.txt",
};

const REAL_RDAP_HOSTS =
  /https:\/\/(rdap\.[a-z.]+|pubapi\.registry\.google)\/(?:[a-z]+\/v1\/|rdap\/|xyz\/)?/g;

export interface RegistryWorld {
  readonly registry: LabRdapServer;
  readonly registrar: LabRdapServer;
  readonly whois: LabWhoisServer;
  readonly bootstrap: RdapBootstrap;
  /** The bootstrap as a file's JSON, for `--rdap-bootstrap`. */
  readonly bootstrapJson: unknown;
  readonly table: RegistryTable;
  /** The table as a file's JSON, for `--registries`. */
  readonly tableJson: unknown;
  close(): Promise<void>;
}

async function fixture(path: string, domain: string, labBase: string): Promise<string> {
  const text = await readFile(new URL(path, FIXTURES), "utf8");
  // Links in the fixtures name the real servers; in the lab they must lead to the lab.
  return text
    .replaceAll(REAL_RDAP_HOSTS, labBase)
    .replace(/"ldhName": "example-brand\.com"/, `"ldhName": "${domain}"`);
}

export async function startRegistryWorld(): Promise<RegistryWorld> {
  const registry = await startLabRdapServer({ role: "registry" });
  const registrar = await startLabRdapServer({ role: "registrar" });
  const whois = await startLabWhoisServer({
    notFound: await readFile(new URL("whois/icann-not-found.txt", FIXTURES), "utf8"),
  });
  for (const [domain, file] of Object.entries(RDAP_REGISTRY_FIXTURES)) {
    registry.setRawDomain(
      domain,
      await fixture(`rdap/registries/${file}`, domain, registry.baseUrl),
    );
  }
  registry.setRawEntity(
    "REG-GRANSY",
    await fixture("rdap/registries/cz-nic-entity-gransy.json", "", registry.baseUrl),
  );
  for (const [domain, file] of Object.entries(RDAP_REGISTRAR_FIXTURES)) {
    registry.setDomain(domain, {
      statuses: ["client transfer prohibited"],
      nameservers: ["ns1.example-dns.net", "ns2.example-dns.net"],
      registrarRdap: registrar.baseUrl,
    });
    registrar.setRawDomain(
      domain,
      await fixture(`rdap/registrars/${file}`, domain, registrar.baseUrl),
    );
  }
  const embedded = embeddedRegistryTable();
  const tableJson = {
    version: embedded.version,
    registries: embedded.entries.map((entry) => ({
      id: entry.id,
      name: entry.name,
      tlds: entry.tlds,
      unpublished: entry.unpublished,
      ...(entry.whois ? { whois: { ...entry.whois, host: whois.host, port: whois.port } } : {}),
    })),
  };
  for (const [domain, file] of Object.entries(WHOIS_FIXTURES)) {
    const tld = domain.slice(domain.indexOf(".") + 1);
    const server = embedded.whoisServers().get(tld);
    if (server === undefined) throw new Error(`no WHOIS server for .${tld} in the table`);
    whois.setAnswer(
      server.query.replaceAll("{domain}", domain),
      await readFile(new URL(`whois/${file}`, FIXTURES), "utf8"),
    );
  }
  const rdapTlds = ["com", "net", "cz", "fr", "no", "moscow", "xin", "xyz", "click", "uk", "br"];
  const bootstrapJson = renderLabBootstrap(
    Object.fromEntries(rdapTlds.map((tld) => [tld, registry.baseUrl])),
  );
  const bootstrap = parseRdapBootstrap(bootstrapJson, "lab bootstrap");
  const table = parseRegistryTable(tableJson, "lab registries", true);
  if (!bootstrap.ok) throw new Error(bootstrap.message);
  if (!table.ok) throw new Error(table.message);
  return {
    registry,
    registrar,
    whois,
    bootstrap: bootstrap.bootstrap,
    bootstrapJson,
    table: table.table,
    tableJson,
    async close() {
      await Promise.all([registry.close(), registrar.close(), whois.close()]);
    },
  };
}
