// The CLI's options of the commands that observe the live world, parsed as commander parses a
// command line: what a run without lab options may reach.
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { walkerOptions } from "../../../src/check/settings.js";
import {
  addObserverOptions,
  type ObserverOptionValues,
  observerSettings,
} from "../../../src/shells/cli/observer-options.js";

function settingsFrom(args: readonly string[]) {
  const command = addObserverOptions(new Command("check")).exitOverride();
  command.parse([...args], { from: "user" });
  return observerSettings(command.opts<ObserverOptionValues>(), "/work");
}

describe("observer options", () => {
  it("keep the address gate closed without --root-hints or --allow-private-addresses", () => {
    const settings = settingsFrom(["--dns-port", "5353", "--rdap-bootstrap", "dns.json"]);
    expect(settings.allowPrivateAddresses).toBe(false);
    expect(walkerOptions(settings, []).allowNonPublic).toBe(false);
  });

  it("open it with --allow-private-addresses, and make --root-hints a lab", () => {
    expect(settingsFrom(["--allow-private-addresses"]).allowPrivateAddresses).toBe(true);
    const lab = settingsFrom(["--root-hints", "lab/named.root"]);
    expect([lab.rootHintsFile, lab.allowPrivateAddresses]).toEqual(["/work/lab/named.root", false]);
    expect(walkerOptions(lab, []).allowNonPublic).toBe(true);
  });
});
