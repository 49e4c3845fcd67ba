// Each registry's WHOIS layout, read with its format from the capability table. The fixtures in
// fixtures/whois/ follow each registry's published layout (fixtures/rdap/SOURCES.md says where).
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { readWhoisText, WHOIS_FORMATS, type WhoisData } from "../../../src/observe/whois/index.js";
import type { WhoisFormatId } from "../../../src/observe/whois/types.js";

const text = (name: string) =>
  readFile(new URL(`../../../fixtures/whois/${name}`, import.meta.url), "utf8");

const CASES: ReadonlyArray<[string, WhoisFormatId, Partial<WhoisData>]> = [
  [
    "denic-de.txt",
    "denic",
    {
      registrar: undefined,
      statuses: undefined,
      events: {
        registration: undefined,
        expiration: undefined,
        lastChanged: "2024-05-14T09:12:44+02:00",
      },
      nameservers: ["ns1.example-dns.de", "ns2.example-dns.de"],
    },
  ],
  [
    "icann-io.txt",
    "icann",
    {
      registrar: "MarkMonitor Inc.",
      statuses: ["clienttransferprohibited", "clientupdateprohibited"],
      events: {
        registration: "2014-03-10T12:00:00Z",
        expiration: "2027-03-10T12:00:00Z",
        lastChanged: "2026-02-01T10:12:45Z",
      },
    },
  ],
  ["icann-co.txt", "icann", { registrar: "GoDaddy.com, LLC" }],
  [
    "eurid-eu.txt",
    "eurid",
    {
      registrar: "Example Registrar GmbH",
      statuses: undefined,
      nameservers: ["ns1.example-dns.eu", "ns2.example-dns.eu"],
    },
  ],
  [
    "switch-ch.txt",
    "switch",
    {
      registrar: "Example Registrar AG",
      nameservers: ["ns1.example-dns.ch", "ns2.example-dns.ch"],
    },
  ],
  [
    "iis-se.txt",
    "iis",
    {
      registrar: "Example Registrar AB",
      statuses: ["ok"],
      events: { registration: "2003-09-17", expiration: "2027-09-17", lastChanged: "2026-08-11" },
    },
  ],
  [
    "nic-it.txt",
    "nic-it",
    {
      registrar: "Register S.p.A.",
      statuses: ["ok"],
      events: {
        registration: "2005-02-14T10:22:31Z",
        expiration: "2027-02-14",
        lastChanged: "2026-03-01T00:51:12Z",
      },
    },
  ],
  [
    "dns-belgium-be.txt",
    "dns-belgium",
    { registrar: "Example Registrar NV", statuses: ["clienttransferprohibited"] },
  ],
  ["nic-at.txt", "nic-at", { registrar: "Example Registrar GmbH", statuses: undefined }],
  [
    "punktum-dk.txt",
    "punktum",
    { registrar: undefined, nameservers: ["ns1.example-dns.dk", "ns2.example-dns.dk"] },
  ],
  [
    "jprs-jp.txt",
    "jprs",
    {
      registrar: undefined,
      statuses: ["agentchangelocked"],
      events: {
        registration: "2002-05-10",
        expiration: "2027-05-31",
        lastChanged: "2026-06-01T01:05:03+09:00",
      },
    },
  ],
];

describe("readWhoisText", () => {
  it.each(CASES)("%s (%s)", async (file, format, expected) => {
    expect(readWhoisText(await text(file), WHOIS_FORMATS[format])).toMatchObject(expected);
  });

  it("cuts a status list at 256 and says so", () => {
    const lines = Array.from({ length: 300 }, (_, i) => `Domain Status: status${i}`);
    const data = readWhoisText(["Registrar: X", ...lines].join("\n"), WHOIS_FORMATS.icann);
    expect(data.statuses).toHaveLength(256);
    expect(data.truncated).toEqual(["status"]);
  });

  it("reads only the format's fields: prose and other keys are ignored", () => {
    const data = readWhoisText(
      "Terms of use: Registrar: Evil Corp\nRegistrar: Real Registrar\nName Server: not a host!\n",
      WHOIS_FORMATS.icann,
    );
    expect(data.registrar).toBe("Real Registrar");
    expect(data.nameservers).toEqual([]);
  });
});
