// The DNSSEC keys of a registered domain, as Route 53 Domains lists them in GetDomainDetail's
// `DnssecKeys` (the DS records the registrar sent to the registry): read from the answer the
// observer already has, so they cost no call of their own.
import type { DnssecKey } from "@aws-sdk/client-route-53-domains";
import type { DomainDetail, RegistrarDnssecKey } from "./types.js";

/** Registries accept a handful of DS records; an answer with more is read this far, and says so. */
export const MAX_DNSSEC_KEYS = 32;

const HEX = /^[0-9a-f]+$/i;

export function registrarDnssecKeys(
  keys: readonly DnssecKey[] | undefined,
): Pick<DomainDetail, "dnssecKeys" | "dnssecKeysUnread"> {
  const listed = keys ?? [];
  const dnssecKeys = listed.slice(0, MAX_DNSSEC_KEYS).map(
    (key): RegistrarDnssecKey => ({
      keyTag: key.KeyTag,
      algorithm: key.Algorithm,
      flags: key.Flags,
      digestType: key.DigestType,
      digest:
        key.Digest !== undefined && HEX.test(key.Digest) ? key.Digest.toLowerCase() : undefined,
      id: key.Id,
    }),
  );
  const unread = listed.length - dnssecKeys.length;
  return unread > 0 ? { dnssecKeys, dnssecKeysUnread: unread } : { dnssecKeys };
}
