// A report of many domains for scale tests: the sample report's domains (every status, findings,
// waivers, unknowns) repeated under distinct names, with the summary counted anew.
import type { DomainReport, Report } from "../../src/report/model/model.js";
import { summarise } from "../../src/report/model/summary.js";
import { sampleReport } from "./sample-report.js";

/** `count` domains named `d<i>-<sample name>`, cycling through the sample's five domains. */
export function largeReport(count: number): Report {
  const sample = sampleReport();
  const domains: DomainReport[] = Array.from({ length: count }, (_, i) => {
    const base = sample.domains[i % sample.domains.length] as DomainReport;
    const prefix = `d${String(i).padStart(5, "0")}-`;
    return { ...base, domain: `${prefix}${base.domain}`, unicode: `${prefix}${base.unicode}` };
  });
  return { ...sample, summary: summarise(domains, sample.accounts), domains };
}
