// Maps a path in the parsed data (`["domains", "example.com", "dnsHost"]`) back to the YAML node it
// came from, so that every diagnostic carries the line and column of what it is about.
import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Pair,
} from "yaml";
import type { SourcePosition } from "./types.js";
import type { AliasIndex } from "./yaml-aliases.js";

export type DataPath = readonly (string | number)[];

/** The data key a YAML map key becomes (as the `yaml` library's `toJS` writes it), or `undefined` for a complex key. */
export function mapKeyString(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  return key.value === null || key.value === undefined ? "" : String(key.value);
}

export interface LocatedNode {
  /** The key naming the node, when it is a map value. */
  readonly key: Node | undefined;
  readonly value: Node | undefined;
}

export class YamlLocator {
  readonly #path: string;
  readonly #document: Document;
  readonly #lineCounter: LineCounter;
  readonly #aliasTargets: ReadonlyMap<Alias, Node>;
  // Built on first use per map, so that locating each of 100,000 domains stays linear overall.
  readonly #mapIndexes = new WeakMap<object, Map<string, Pair>>();

  constructor(path: string, document: Document, lineCounter: LineCounter, aliases: AliasIndex) {
    this.#path = path;
    this.#document = document;
    this.#lineCounter = lineCounter;
    this.#aliasTargets = aliases.targets;
  }

  get path(): string {
    return this.#path;
  }

  /** Where `node` starts; the start of the file when there is no node. */
  position(node: Node | undefined): SourcePosition {
    const offset = node?.range?.[0] ?? 0;
    return this.positionAt(offset);
  }

  positionAt(offset: number): SourcePosition {
    const { line, col } = this.#lineCounter.linePos(offset);
    return { file: this.#path, line, column: col };
  }

  /** Follows `path` from the document root; stops at the last node that exists. */
  find(path: DataPath): LocatedNode {
    let key: Node | undefined;
    let value: Node | undefined = this.#resolve(this.#document.contents ?? undefined);
    for (const segment of path) {
      if (isMap(value)) {
        const pair = this.#indexOf(value).get(String(segment));
        if (pair === undefined) return { key, value };
        key = pair.key as Node;
        value = this.#resolve((pair.value ?? undefined) as Node | undefined);
      } else if (isSeq(value) && Number.isInteger(Number(segment))) {
        const item = value.items[Number(segment)] as Node | undefined;
        if (item === undefined) return { key, value };
        key = undefined;
        value = this.#resolve(item);
      } else {
        return { key, value };
      }
    }
    return { key, value };
  }

  /** Where the thing at `path` is named: its key when it has one, else where its value starts. */
  keyPosition(path: DataPath): SourcePosition {
    const found = this.find(path);
    return this.position(found.key ?? found.value);
  }

  /** Where the value at `path` starts (its key when the value is empty). */
  valuePosition(path: DataPath): SourcePosition {
    const found = this.find(path);
    return this.position(found.value?.range ? found.value : found.key);
  }

  /** What an alias stands for, from the index made once (never a search of the document). */
  #resolve(node: Node | undefined): Node | undefined {
    return isAlias(node) ? this.#aliasTargets.get(node) : node;
  }

  #indexOf(map: { items: Pair[] }): Map<string, Pair> {
    let index = this.#mapIndexes.get(map);
    if (index === undefined) {
      index = new Map();
      for (const pair of map.items) {
        const key = mapKeyString(pair.key);
        if (key !== undefined && !index.has(key)) index.set(key, pair);
      }
      this.#mapIndexes.set(map, index);
    }
    return index;
  }
}
