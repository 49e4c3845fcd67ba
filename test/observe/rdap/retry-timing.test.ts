import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoffDelayMs, parseRetryAfter, sleep } from "../../../src/observe/rdap/retry-timing.js";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-08-01T12:00:00Z");

  it.each([
    ["0", 0],
    [" 7 ", 7],
    ["Sat, 01 Aug 2026 12:00:30 GMT", 30],
    ["Sat, 01 Aug 2026 11:00:00 GMT", 0],
  ])("%j → %d s", (value, seconds) => {
    expect(parseRetryAfter(value, now)).toBe(seconds);
  });

  it.each([undefined, "", "soon", "-5", "1.5"])("%j is not a delay", (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe("backoffDelayMs", () => {
  it("draws from [0, base × 2^(n−1)] and is capped", () => {
    expect(backoffDelayMs(1, () => 0)).toBe(0);
    expect(backoffDelayMs(1, () => 0.999_999)).toBe(199);
    expect(backoffDelayMs(3, () => 0.5)).toBe(400);
    expect(backoffDelayMs(30, () => 0.999_999)).toBe(4_999);
  });
});

describe("sleep", () => {
  // On a fake clock: what happens when, with no wall-clock bound to flake on a loaded machine.
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("ends early, with false, when aborted, and leaves no timer behind", async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    expect(await pending).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("does not start when already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await sleep(10_000, controller.signal)).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("resolves true once the delay has passed, not before", async () => {
    let resolved: boolean | undefined;
    void sleep(10, new AbortController().signal).then((value) => {
      resolved = value;
    });
    await vi.advanceTimersByTimeAsync(9);
    expect(resolved).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(resolved).toBe(true);
  });
});
