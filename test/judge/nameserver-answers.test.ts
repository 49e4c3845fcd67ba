import { describe, expect, it } from "vitest";
import { nameserverAnswers } from "../../src/judge/nameserver-answers.js";
import { delegated, nameserver, undelegated } from "../support/observations.js";

const SET = ["ns1.host.example", "ns2.host.example", "ns3.gone.example"];

describe("nameserverAnswers", () => {
  it("keeps one entry per address asked, with the failure in trace's words", () => {
    const answers = nameserverAnswers(
      delegated(SET, [
        nameserver("ns1.host.example", { kind: "authoritative", ns: SET }),
        nameserver("ns2.host.example", { kind: "refused" }, 2),
        {
          name: "ns3.gone.example",
          addresses: { kind: "nxdomain", zone: "example" },
          probes: [],
        },
      ]),
    );
    expect(answers?.map((a) => [a.nameserver, a.answer, a.detail])).toEqual([
      ["ns1.host.example", "authoritative", undefined],
      ["ns2.host.example", "refused", "REFUSED"],
      ["ns2.host.example", "refused", "REFUSED"],
      ["ns3.gone.example", "no-address", "the name does not exist (NXDOMAIN from example)"],
    ]);
    expect(answers?.[0]?.ns).toEqual(SET);
    expect(answers?.[1]?.address).not.toBe(answers?.[2]?.address);
    expect(answers?.[3]?.address).toBeUndefined();
  });

  it("explains an authoritative answer without NS records, and is absent when not delegated", () => {
    const [nodata] =
      nameserverAnswers(
        delegated(SET.slice(0, 1), [
          nameserver("ns1.host.example", { kind: "authoritative", ns: [] }),
        ]),
      ) ?? [];
    expect(nodata?.detail).toBe("authoritative, no NS records");
    expect(nameserverAnswers(undelegated())).toBeUndefined();
  });
});
