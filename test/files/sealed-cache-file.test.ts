// The sealed cache file on a real disk, with a small format of its own: what it keeps, and the
// entries and files it refuses (stale, unsealed, out of bounds, oversized, in a directory others
// may write). The caches built on it have their own end-to-end tests (test/check/
// registration-cache.test.ts, test/adversarial/cache-trust.test.ts).
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSealedCacheFile, type SealedCacheFormat } from "../../src/files/sealed-cache-file.js";

interface Note {
  readonly text: string;
  readonly observedAt: string;
}

const HOUR_MS = 3_600_000;
const FORMAT: SealedCacheFormat<Note> = {
  directory: "notes",
  fileName: "notes.json",
  version: 1,
  member: "notes",
  maxFileBytes: 4096,
  maxEntries: 3,
  maxAgeMs: 24 * HOUR_MS,
  validKey: (key) => /^[a-z]{1,10}$/.test(key),
  readEntry: ({ text, observedAt }) =>
    typeof text === "string" && text.length <= 20 && typeof observedAt === "string"
      ? { text, observedAt }
      : undefined,
  sealed: (note) => [note.text, note.observedAt],
  stored: (note) => ({ ...note }),
};

const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR_MS).toISOString();
const note = (text: string, hours = 1): Note => ({ text, observedAt: hoursAgo(hours) });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "domain-drift-sealed-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const read = async () => new Map(await openSealedCacheFile(dir, FORMAT).entries());
const file = () => join(dir, "notes", "notes.json");

describe("sealed cache file", () => {
  it("reads back what it wrote, merged with what was there", async () => {
    await openSealedCacheFile(dir, FORMAT).write(new Map([["a", note("first")]]));
    await openSealedCacheFile(dir, FORMAT).write(new Map([["b", note("second")]]));
    expect([...(await read()).keys()]).toEqual(["a", "b"]);
  });

  it("a scan that read the file keeps what another writer added since", async () => {
    await openSealedCacheFile(dir, FORMAT).write(new Map([["a", note("first")]]));
    const scan = openSealedCacheFile(dir, FORMAT);
    expect([...(await scan.entries()).keys()]).toEqual(["a"]);
    // Another shard writes after this scan read the file: the merge must read it again.
    await openSealedCacheFile(dir, FORMAT).write(new Map([["b", note("second")]]));
    await scan.write(new Map([["c", note("third")]]));
    expect([...(await read()).keys()]).toEqual(["a", "b", "c"]);
    // Unchanged since this scan read it: merged with what was read, every entry still checks out.
    const again = openSealedCacheFile(dir, FORMAT);
    await again.entries();
    await again.write(new Map([["a", note("replaced")]]));
    expect([...(await read()).entries()].map(([id, n]) => `${id}=${n.text}`)).toEqual([
      "a=replaced",
      "b=second",
      "c=third",
    ]);
  });

  it("ignores entries older than the maximum age, and dated far in the future", async () => {
    await openSealedCacheFile(dir, FORMAT).write(
      new Map([
        ["fresh", note("kept", 23)],
        ["stale", note("gone", 25)],
        ["future", note("gone", -48)],
      ]),
    );
    expect([...(await read()).keys()]).toEqual(["fresh"]);
  });

  it("ignores an entry whose content or key no longer matches its seal", async () => {
    await openSealedCacheFile(dir, FORMAT).write(
      new Map([
        ["a", note("one")],
        ["b", note("two")],
      ]),
    );
    const document = JSON.parse(await readFile(file(), "utf8"));
    document.notes.a.text = "forged";
    document.notes.c = document.notes.b;
    delete document.notes.b;
    await writeFile(file(), JSON.stringify(document));
    expect(await read()).toEqual(new Map());
  });

  it("keeps no more than the entry bound, and reads no file over the byte bound", async () => {
    const many = new Map(["a", "b", "c", "d", "e"].map((k) => [k, note(k)]));
    await openSealedCacheFile(dir, FORMAT).write(many);
    expect((await read()).size).toBe(3);
    await writeFile(file(), `${(await readFile(file(), "utf8")).trimEnd()}${" ".repeat(5000)}\n`);
    expect(await read()).toEqual(new Map());
  });

  it("trusts nothing in a directory others may write, and writes nothing there", async () => {
    await openSealedCacheFile(dir, FORMAT).write(new Map([["a", note("one")]]));
    await chmod(join(dir, "notes"), 0o777);
    expect(await read()).toEqual(new Map());
    const before = await readFile(file(), "utf8");
    await openSealedCacheFile(dir, FORMAT).write(new Map([["b", note("two")]]));
    expect(await readFile(file(), "utf8")).toBe(before);
  });

  it("without a cache directory, touches no disk", async () => {
    const cache = openSealedCacheFile(undefined, FORMAT);
    await cache.write(new Map([["a", note("one")]]));
    expect(await cache.entries()).toEqual(new Map());
  });
});
