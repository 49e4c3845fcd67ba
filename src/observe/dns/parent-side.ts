// The parent side of a delegation: asking the parent zone's servers about the domain (one
// answering server, or all of them with `allParents`) and reading what they said.

import { collectGlue } from "./classify.js";
import { makeCut, type ZoneCut } from "./cut-cache.js";
import { describeServerAnswer, displayZone } from "./describe.js";
import type { AnsweredAsk, IterativeResolver, LookupContext, UsefulReply } from "./iterative.js";
import type {
  DsRecord,
  GlueRecord,
  ParentAnswer,
  ParentSide,
  ServerAnswer,
  ServerRef,
} from "./types.js";

export interface Delegation {
  readonly ns: readonly string[];
  readonly glue: readonly GlueRecord[];
  readonly ds: readonly DsRecord[];
  /** Seconds: the smallest TTL of the NS records. */
  readonly ttl: number;
}

/** What a parent's usable reply says about the domain's delegation. */
export function readDelegation(
  reply: UsefulReply,
  zone: string,
): Delegation | "nxdomain" | "no-delegation" {
  switch (reply.kind) {
    case "referral":
      // Below the parent and at or above the domain, with no label in between: the domain itself.
      return reply.referral;
    case "answer": {
      // The parent's servers also serve the child and answered for it authoritatively.
      const ns = [
        ...new Set(reply.records.flatMap((r) => (r.type === "NS" ? [r.data] : []))),
      ].sort();
      if (ns.length === 0) return "no-delegation";
      const ttl = Math.min(...reply.records.flatMap((r) => (r.type === "NS" ? [r.ttl] : [])));
      return { ns, glue: collectGlue(reply.additionals, ns, zone), ds: [], ttl };
    }
    case "nxdomain":
      return "nxdomain";
    case "nodata":
      return "no-delegation";
  }
}

export type ParentResult =
  | {
      readonly kind: "ok";
      readonly respondent: ServerRef;
      readonly reply: UsefulReply;
      readonly answers: ParentSide["answers"];
    }
  | { readonly kind: "failed"; readonly reason: string };

function parentAnswer(reply: UsefulReply, zone: string): ParentAnswer {
  const delegation = readDelegation(reply, zone);
  if (delegation === "nxdomain") return { kind: "nxdomain" };
  if (delegation === "no-delegation") return { kind: "no-delegation" };
  return { kind: "delegation", ns: delegation.ns, ds: delegation.ds };
}

export async function askOneParent(
  resolver: IterativeResolver,
  cut: ZoneCut,
  domain: string,
  ctx: LookupContext,
  answered: AnsweredAsk | undefined,
): Promise<ParentResult> {
  const ask = answered ?? (await resolver.askZone(cut, { name: domain, type: "NS" }, ctx));
  if (ask.kind === "failed") return { kind: "failed", reason: ask.reason };
  return {
    kind: "ok",
    respondent: ask.server,
    reply: ask.reply,
    answers: [{ server: ask.server, answer: parentAnswer(ask.reply, cut.zone) }],
  };
}

/** Every address of every parent server, asked at once; the answers are compared. */
export async function askAllParents(
  resolver: IterativeResolver,
  cut: ZoneCut,
  domain: string,
  ctx: LookupContext,
): Promise<ParentResult> {
  const question = { name: domain, type: "NS" } as const;
  const perServer = await Promise.all(
    cut.servers.map(async (server) => {
      const addresses = await resolver.serverAddresses(server, ctx);
      if (typeof addresses === "string") return [];
      return Promise.all(
        addresses.map(async (address) => {
          const ref: ServerRef = { name: server.name, address };
          const answer = await askParentServer(resolver, cut, ref, ctx, question);
          return { server: ref, ...answer };
        }),
      );
    }),
  );
  const results = perServer.flat();
  const answers = results.map(({ server, answer }) => ({ server, answer }));
  // A delegation seen by any parent server wins over NXDOMAIN from others: a half-propagated
  // delegation is still a delegation, and `inconsistent` says the parents disagree.
  const chosen =
    results.find((r) => r.reply !== undefined && r.answer.kind === "delegation") ??
    results.find((r) => r.reply !== undefined);
  if (chosen?.reply === undefined) {
    const notes = results.map(
      (r) => `${r.server.name} (${r.server.address}): ${failureText(r.answer)}`,
    );
    const reason =
      notes.length === 0
        ? `no server of ${displayZone(cut.zone)} has a usable address`
        : `no server of ${displayZone(cut.zone)} answered: ${notes.join("; ")}`;
    return { kind: "failed", reason };
  }
  return { kind: "ok", respondent: chosen.server, reply: chosen.reply, answers };
}

function failureText(answer: ParentAnswer): string {
  return answer.kind === "failed" ? describeServerAnswer(answer.answer) : answer.kind;
}

async function askParentServer(
  resolver: IterativeResolver,
  cut: ZoneCut,
  server: ServerRef,
  ctx: LookupContext,
  question: { readonly name: string; readonly type: "NS" },
): Promise<{ readonly answer: ParentAnswer; readonly reply?: UsefulReply }> {
  const single = makeCut(cut.zone, [{ name: server.name, glue: [server.address] }]);
  const ask = await resolver.askZone(single, question, ctx);
  if (ask.kind === "reply") {
    return { answer: parentAnswer(ask.reply, cut.zone), reply: ask.reply };
  }
  const failure: ServerAnswer = ask.attempts[0]?.answer ?? { kind: "timeout" };
  return { answer: { kind: "failed", answer: failure } };
}

/** Parent servers disagree when their non-failed answers differ. */
export function isInconsistent(answers: ParentSide["answers"]): boolean {
  const seen = new Set<string>();
  for (const { answer } of answers) {
    if (answer.kind === "failed") continue;
    seen.add(answer.kind === "delegation" ? `delegation ${answer.ns.join(" ")}` : answer.kind);
  }
  return seen.size > 1;
}
