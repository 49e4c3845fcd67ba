import { describe, expect, it } from "vitest";
import { mixedScripts } from "../../src/names/mixed-script.js";

describe("mixedScripts", () => {
  it.each([
    ["paypal"],
    ["bücher"],
    ["пример"],
    ["例え"],
    ["テスト"],
    ["日本語とカタカナとlatin"], // Latin with Han and kana: Japanese
    ["한국어abc"], // Latin with Hangul
    ["مثال٣"], // Arabic with an Arabic-Indic digit
    ["ab-12"],
  ])("reads %s as one script (or an allowed mix)", (label) => {
    expect(mixedScripts(label)).toBeUndefined();
  });

  it.each([
    ["pаypal", ["Cyrillic", "Latin"]], // a Cyrillic а
    ["αpple", ["Greek", "Latin"]],
    ["пaypal", ["Cyrillic", "Latin"]],
  ])("finds %s mixes %j", (label, scripts) => {
    expect(mixedScripts(label)).toEqual(scripts);
  });
});
