// One shared, frozen copy of values that thousands of domain reports repeat: check results, source
// statuses, name-server names. A scan holds every domain's report until the end, and without
// sharing most of that memory is the same few hundred values over and over.

/** Distinct values kept per table; past it, values are returned unshared (still correct). */
const MAX_SHARED = 20_000;

export class SharedValues<T> {
  readonly #values = new Map<string, T>();

  /** The shared value for `key`, made (and frozen) by `make` the first time. */
  get(key: string, make: () => T): T {
    const known = this.#values.get(key);
    if (known !== undefined) return known;
    const value = Object.freeze(make());
    if (this.#values.size < MAX_SHARED) this.#values.set(key, value);
    return value;
  }
}

const names = new SharedValues<string>();

/** The names with each string shared: answers parsed from packets are fresh strings every time. */
export function sharedNames(list: readonly string[]): readonly string[] {
  return list.map((name) => names.get(name, () => name));
}
