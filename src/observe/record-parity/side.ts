// One side of a migration (the old host or the target host) and how its servers are asked. Every
// server is asked once for the apex SOA; the questions then go to the servers that answered it
// authoritatively, in the order given, the next one when one fails: one answer per question is
// enough, and a server that fails mid-way does not make the RRset uncomparable while another
// answers. Servers that did not answer the SOA, or serve another serial, make the side "disagree",
// which the observation shows (see SideDisagreement in types.ts). A question the query budget or
// deadline kept from a server that might have answered it is "not asked", never "failed".

import type { Deadline, QueryOutcome } from "../dns/client.js";
import { describeServer } from "../dns/describe.js";
import type { Question } from "../dns/wire.js";
import { readServerAnswer, type ServerAnswer } from "./server-answer.js";
import type { ParityServer, ParityServerState, SideDisagreement } from "./types.js";

/** Sends one question to one server address (`DelegationWalker.askServer`). */
export type AskServer = (
  address: string,
  question: Question,
  deadline?: Deadline,
) => Promise<QueryOutcome>;

/** Queries left to one observation, shared by both sides. */
export class QueryBudget {
  readonly total: number;
  #left: number;

  constructor(total: number) {
    this.total = total;
    this.#left = total;
  }

  /** Takes one query; false when none is left. */
  take(): boolean {
    if (this.#left === 0) return false;
    this.#left--;
    return true;
  }
}

export interface SideContext {
  readonly ask: AskServer;
  readonly budget: QueryBudget;
  readonly deadline: Deadline;
}

export class ParitySide {
  readonly label: "old" | "target";
  readonly #servers: readonly ParityServer[];
  readonly #context: SideContext;
  #answering: readonly ParityServer[] = [];

  constructor(label: "old" | "target", servers: readonly ParityServer[], context: SideContext) {
    this.label = label;
    this.#servers = servers;
    this.#context = context;
  }

  async #askOne(server: ParityServer, question: Question): Promise<ServerAnswer> {
    if (!this.#context.budget.take()) {
      return {
        kind: "not-asked",
        reason: `not asked: the query budget of ${this.#context.budget.total} is spent`,
      };
    }
    const outcome = await this.#context.ask(server.address, question, this.#context.deadline);
    return readServerAnswer(question, outcome);
  }

  /**
   * Asks every server for the zone's apex SOA. Returns the servers' states and, when they do not
   * all answer with one serial, the disagreement to report.
   */
  async sweep(
    zone: string,
  ): Promise<{ states: ParityServerState[]; disagreement: SideDisagreement | undefined }> {
    const question: Question = { name: zone, type: "SOA" };
    const states = await Promise.all(
      this.#servers.map(async (server): Promise<ParityServerState> => {
        const answer = await this.#askOne(server, question);
        if (answer.kind !== "answered") {
          return { server, serial: undefined, reason: answer.reason };
        }
        const serial = Number(
          answer.rrset?.type === "SOA" ? answer.rrset.data[0]?.split(" ")[2] : NaN,
        );
        return Number.isInteger(serial)
          ? { server, serial }
          : { server, serial: undefined, reason: "answered without the zone's SOA record" };
      }),
    );
    this.#answering = states.filter((s) => s.serial !== undefined).map((s) => s.server);
    const serials = new Set(states.map((s) => s.serial));
    const disagreement =
      serials.size > 1 || serials.has(undefined)
        ? { side: this.label, servers: states }
        : undefined;
    return { states, disagreement };
  }

  /** Why no server of this side can be asked, after `sweep`; undefined when one can. */
  unusable(states: readonly ParityServerState[]): string | undefined {
    if (this.#servers.length === 0) return `no server of the ${this.label} host is known`;
    if (this.#answering.length > 0) return undefined;
    const reasons = states.map((s) => `${describeServer(s.server)}: ${s.reason ?? "no answer"}`);
    return `no server of the ${this.label} host answers authoritatively for the zone (${reasons.join("; ")})`;
  }

  /**
   * The first authoritative answer of the side's answering servers, or why none answered: "not
   * asked" when the budget or deadline stopped the question before a server that might have
   * answered it (the later servers are not asked either), "failed" when every server was asked.
   */
  async ask(question: Question): Promise<ServerAnswer> {
    const reasons: string[] = [];
    for (const server of this.#answering) {
      const answer = await this.#askOne(server, question);
      if (answer.kind === "answered") return answer;
      reasons.push(`${describeServer(server)}: ${answer.reason}`);
      if (answer.kind === "not-asked") return { kind: "not-asked", reason: reasons.join("; ") };
    }
    return { kind: "failed", reason: reasons.join("; ") };
  }
}
