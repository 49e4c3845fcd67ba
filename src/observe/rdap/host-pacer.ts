// Pacing of one RDAP host: how many requests it gets at once, and when. A registry such as
// Verisign answers a whole portfolio of .com domains from one host and sheds load with 429 and
// Retry-After; the pacer honours that for every request to the host (not only the one that was
// told), halves the requests in flight on each such signal and adds one back after each run of as
// many answers as are in flight (AIMD, as TCP does), so a scan slows down to the host's rate
// instead of failing lookups. Waiting in our own queue costs a lookup nothing: the per-request
// timeout starts when the request is sent. What bounds the run is the time the host makes us
// wait: a budget that grows with the answers it gives, so a host that never answers (or only
// ever asks us to wait) is cut off, and the domains still queued for it are not checked, with
// the reason.

/** Time as the pacer sees it (the RDAP observer's clock). */
export interface PacerClock {
  now(): number;
  /** Resolves to true after `ms`, or to false as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<boolean>;
}

export interface HostPacerOptions {
  readonly host: string;
  /** Requests in flight at once when the host has not pushed back. */
  readonly maxConcurrency: number;
  /** The waiting a host may impose before it has answered anything. */
  readonly baseWaitMs: number;
  /** Further waiting allowed for each answer (2xx or 404) the host has given. */
  readonly waitPerAnswerMs: number;
  readonly clock: PacerClock;
  /** Ends every wait (the observer closed). */
  readonly signal: AbortSignal;
}

export type Admission =
  | { readonly kind: "go" }
  | { readonly kind: "stop"; readonly reason: string };

/** How a request admitted by the pacer ended. */
export type RequestEnd =
  /** The host answered the question (2xx or 404): evidence that it works for us. */
  | { readonly kind: "answered" }
  /** Neither an answer nor a request to slow down (e.g. 403, invalid JSON). */
  | { readonly kind: "other" }
  /** 429, a 5xx or a failed connection: the host asks us (or needs us) to wait `waitMs`. */
  | { readonly kind: "throttled"; readonly waitMs: number };

export interface HostPacer {
  /** Resolves when a request may be sent, or with the reason none will be. */
  admit(): Promise<Admission>;
  /**
   * Ends a request admitted before; for `throttled`, the reason the host's budget is spent when
   * granting the wait would overspend it (this and every later admission stop).
   */
  finish(end: RequestEnd): string | undefined;
  /** Requests in flight allowed now (for tests and stats). */
  concurrency(): number;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export function createHostPacer(options: HostPacerOptions): HostPacer {
  const { clock, signal, maxConcurrency } = options;
  const queue: ((admission: Admission) => void)[] = [];
  let limit = maxConcurrency;
  let inFlight = 0;
  let answers = 0;
  let answersSinceChange = 0;
  let pausedUntil = 0;
  let pausedMs = 0;
  let sleeping = false;
  let stopped: string | undefined;

  const budgetMs = () => options.baseWaitMs + answers * options.waitPerAnswerMs;

  function pump(): void {
    if (stopped === undefined && signal.aborted) stopped = "the RDAP observer was closed";
    if (stopped !== undefined) {
      const reason = stopped;
      for (const waiter of queue.splice(0)) waiter({ kind: "stop", reason });
      return;
    }
    const now = clock.now();
    if (now < pausedUntil) {
      if (!sleeping && queue.length > 0) {
        sleeping = true;
        void clock.sleep(pausedUntil - now, signal).then(() => {
          sleeping = false;
          pump();
        });
      }
      return;
    }
    while (inFlight < limit && queue.length > 0) {
      inFlight++;
      queue.shift()?.({ kind: "go" });
    }
  }

  function throttle(waitMs: number): string | undefined {
    answersSinceChange = 0;
    const now = clock.now();
    // Once per pause: the other requests of the same burst that are refused say nothing new.
    if (now >= pausedUntil) limit = Math.max(1, Math.floor(limit / 2));
    // Pauses that overlap count once: the budget is the time the host kept us waiting.
    const from = Math.max(pausedUntil, now);
    const until = Math.max(pausedUntil, now + waitMs);
    const added = until - from;
    if (pausedMs + added > budgetMs()) {
      stopped = `${options.host} has kept this run waiting as long as we wait for one host (${seconds(options.baseWaitMs)}, and ${seconds(options.waitPerAnswerMs)} more per answer it gave: ${seconds(budgetMs())} after ${answers} answers); its remaining domains are not checked`;
      return stopped;
    }
    pausedMs += added;
    pausedUntil = until;
    return undefined;
  }

  return {
    admit() {
      if (stopped !== undefined) return Promise.resolve({ kind: "stop", reason: stopped });
      return new Promise((resolve) => {
        queue.push(resolve);
        pump();
      });
    },
    finish(end) {
      inFlight--;
      let refused: string | undefined;
      if (end.kind === "answered") {
        answers++;
        answersSinceChange++;
        if (answersSinceChange >= limit && limit < maxConcurrency) {
          limit++;
          answersSinceChange = 0;
        }
      } else if (end.kind === "throttled") {
        refused = throttle(end.waitMs);
      }
      pump();
      return refused;
    },
    concurrency: () => limit,
  };
}
