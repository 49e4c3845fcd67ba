// The DNSSEC part of a domain's report: what each source showed, kept as observed so that the
// JSON report, the text report and `trace` show the same chain (DS key tags → DNSKEY key tags →
// signatures, per server address). Rules judge it; this only copies it.
import { describeServerAnswer } from "../observe/dns/describe.js";
import type { DnssecProbe } from "../observe/dns/types.js";
import type { DomainObservations } from "../observe/observations.js";
import { ROUTE53 } from "../policy/architecture.js";
import type { DnssecServerView, DsView, ObservedDnssec } from "../report/model/model.js";

const dsView = (ds: DsView): DsView => ({
  keyTag: ds.keyTag,
  algorithm: ds.algorithm,
  digestType: ds.digestType,
  digest: ds.digest,
});

function chainView(probe: DnssecProbe): DnssecServerView["chain"] {
  switch (probe.kind) {
    case "no-answer":
      return { kind: "no-answer", detail: describeServerAnswer(probe.answer) };
    case "unreadable":
      return { kind: "unreadable", detail: probe.detail };
    case "validated": {
      const { validatedAt: _, ...chain } = probe;
      return chain;
    }
  }
}

function serverViews(delegation: DomainObservations["delegation"]): DnssecServerView[] {
  if (delegation.kind !== "delegated") return [];
  return delegation.nameservers.flatMap((server) =>
    server.probes.flatMap(({ address, dnssec }) =>
      dnssec === undefined ? [] : [{ nameserver: server.name, address, chain: chainView(dnssec) }],
    ),
  );
}

/** Undefined when no source shows anything of DNSSEC for the domain. */
export function observedDnssec(observations: DomainObservations): ObservedDnssec | undefined {
  const { delegation, hostedZoneDnssec, registration, rdap, dnsHostApi } = observations;
  const ds = delegation.kind === "delegated" ? delegation.parent.ds.map(dsView) : [];
  const servers = serverViews(delegation);
  const signing = hostedZoneDnssec.kind === "ok" ? hostedZoneDnssec : undefined;
  const atRoute53 = dnsHostApi.provider === ROUTE53;
  const route53 =
    signing !== undefined && atRoute53
      ? {
          serveSignature: signing.serveSignature,
          keySigningKeys: signing.keySigningKeys.map(({ name, status, keyTag }) => ({
            name,
            status,
            keyTag,
          })),
        }
      : undefined;
  const dnsHost =
    signing !== undefined && !atRoute53
      ? {
          provider: dnsHostApi.provider,
          service: dnsHostApi.service,
          serveSignature: signing.serveSignature,
          signing: signing.signing,
          keySigningKeys: signing.keySigningKeys.map(({ name, status, active, keyTag }) => ({
            name,
            status,
            active,
            keyTag,
          })),
        }
      : undefined;
  const registrar =
    registration.kind === "registered" ? registration.detail.dnssecKeys?.map(dsView) : undefined;
  const rdapView =
    rdap.kind === "registered" && rdap.protocol === "rdap"
      ? { delegationSigned: rdap.delegationSigned, ds: rdap.dsData.map(dsView) }
      : undefined;
  const shown =
    ds.length > 0 ||
    servers.length > 0 ||
    route53 !== undefined ||
    dnsHost !== undefined ||
    (registrar?.length ?? 0) > 0 ||
    rdapView?.delegationSigned === true ||
    (rdapView?.ds.length ?? 0) > 0;
  if (!shown) return undefined;
  return {
    ds,
    servers,
    ...(route53 ? { route53 } : {}),
    ...(dnsHost ? { dnsHost } : {}),
    ...(registrar ? { registrar } : {}),
    ...(rdapView ? { rdap: rdapView } : {}),
  };
}
