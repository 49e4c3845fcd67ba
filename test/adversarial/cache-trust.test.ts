// Break 10.3 of the adversarial review: a forged or symlinked delegation-set cache entry (a zone
// id mapped to the registry's old name servers) was trusted forever, turning a mismatch into a
// pass. The cache directory is a trust boundary: an entry is used only when it is sealed by this
// user's key, read from this user's own file, not through a symbolic link; otherwise the zone is
// asked of GetHostedZone again. Through the real SDK against the lab emulator.
import { chown, cp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useAwsLab, useEnvironmentCredentials } from "../observe/providers/route53/aws-lab.js";

const lab = useAwsLab();

/** The name servers a forger wants the zone to seem to have (the registry's old ones). */
const OLD = ["ns-1.awsdns-01.com", "ns-600.awsdns-01.net"];
const NOBODY = 65_534;

const route53Dir = (cacheDir: string) => join(cacheDir, "route53");
const cacheFile = (cacheDir: string) => join(route53Dir(cacheDir), "delegation-sets.json");

describe("10.3 the delegation-set cache is a trust boundary", () => {
  it("10.3 a forged, symlinked or foreign delegation-set cache entry never turns a mismatch into a pass", async () => {
    const { account, key } = lab.account();
    useEnvironmentCredentials(key);
    const zone = account.addHostedZone({ name: "trusted.example" });
    const actual = [...zone.delegationSet].sort();

    /** What a fresh observer with `cacheDir` reads for the zone, and how many GetHostedZone calls it made. */
    const observe = async (cacheDir: string) => {
      lab.emulator.resetCounters();
      const observer = lab.observer({ cacheDir });
      const result = await observer.hostedZones("trusted.example", undefined);
      const delegationSet = result.kind === "found" ? result.zones[0]?.delegationSet : undefined;
      return { delegationSet, apiCalls: lab.emulator.callCount("GetHostedZone") };
    };

    // A genuine cache, written by the observer itself: used as it is.
    const genuine = await lab.tempDir();
    const seed = lab.observer({ cacheDir: genuine });
    await seed.hostedZones("trusted.example", undefined);
    await seed.close();
    expect(await observe(genuine)).toEqual({ delegationSet: actual, apiCalls: 0 });

    // Forged: the zone's entry rewritten to the old servers, all else kept.
    const forged = await lab.tempDir();
    await cp(genuine, forged, { recursive: true });
    const document = JSON.parse(await readFile(cacheFile(forged), "utf8"));
    document.zones[zone.id].nameServers = OLD;
    await writeFile(cacheFile(forged), JSON.stringify(document));

    // Symlinked and foreign files are not read at all, whatever they hold (here the genuine
    // entries, so that only the refusal can make the difference).
    const linked = await lab.tempDir();
    await cp(genuine, linked, { recursive: true });
    await rm(cacheFile(linked));
    await symlink(cacheFile(genuine), cacheFile(linked));
    const foreign = await lab.tempDir();
    await cp(genuine, foreign, { recursive: true });
    await chown(cacheFile(foreign), NOBODY, NOBODY);

    for (const [name, cacheDir] of Object.entries({ forged, linked, foreign })) {
      expect(await observe(cacheDir), name).toEqual({ delegationSet: actual, apiCalls: 1 });
    }
  });
});
