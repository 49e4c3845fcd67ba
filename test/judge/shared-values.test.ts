// Domain reports share their repeated parts (check results, source statuses, name-server names):
// a scan keeps every report until the end. Shared parts must be frozen, and equal to what each
// report would hold on its own.
import { describe, expect, it } from "vitest";
import { judgeDomain } from "../../src/judge/judge.js";
import { SharedValues, sharedNames } from "../../src/judge/shared-values.js";
import { waiverBook } from "../../src/judge/waivers.js";
import { delegated, intent, NOW, observations, R53_SET } from "../support/observations.js";
import { catalog } from "../support/rules.js";

function judge(name: string) {
  return judgeDomain(
    intent({ name, unicode: name }),
    observations({ delegation: delegated(R53_SET, undefined, name) }),
    catalog,
    waiverBook([]),
    NOW,
  );
}

describe("shared parts of domain reports", () => {
  // (Strings compare by value, so shared names cannot be seen from JavaScript; objects can.)
  it("two domains judged alike share their check results and source statuses", () => {
    const a = judge("alpha.example");
    const b = judge("bravo.example");
    expect(a.checks).toEqual(b.checks);
    expect(a.checks.every((check, i) => check === b.checks[i])).toBe(true);
    expect(a.sources.delegation).toBe(b.sources.delegation);
    expect(a.observed.nameservers.parent).toEqual([...R53_SET].sort());
  });

  it("shared values cannot be changed through one report", () => {
    const report = judge("charlie.example");
    const check = report.checks[0] as { status: string };
    expect(Object.isFrozen(check)).toBe(true);
    expect(() => {
      check.status = "fail";
    }).toThrow(TypeError);
    expect(Object.isFrozen(report.sources.rdap)).toBe(true);
  });

  it("makes each value once per key and returns the first one after", () => {
    const values = new SharedValues<{ n: number }>();
    let made = 0;
    const first = values.get("k", () => ({ n: ++made }));
    const second = values.get("k", () => ({ n: ++made }));
    expect(second).toBe(first);
    expect(made).toBe(1);
    expect(sharedNames(["a.example", "b.example"])).toEqual(["a.example", "b.example"]);
  });
});

describe("SharedValues", () => {
  it("shares a value per key, and past 20,000 keys hands out fresh ones instead of growing", () => {
    const table = new SharedValues<{ readonly key: string }>();
    const make = (key: string) => () => ({ key });
    expect(table.get("a", make("a"))).toBe(table.get("a", make("a")));
    for (let i = 1; i < 20_000; i++) table.get(`k${i}`, make(`k${i}`));
    const late = table.get("late", make("late"));
    expect(table.get("late", make("late"))).not.toBe(late);
    expect(table.get("late", make("late"))).toEqual(late);
  });
});
