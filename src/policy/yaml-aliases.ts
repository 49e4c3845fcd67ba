// Aliases resolved once, in one pass over the document, with their expansion counted against a
// budget. The `yaml` library resolves an alias by searching the whole document for its anchor, on
// every resolution, and its `maxAliasCount` counts the uses of each anchor times the deepest alias
// count below it, not the nodes an alias really stands for: a 70 KB file of aliases took minutes
// and a gigabyte. Here every alias costs one map lookup, and a file whose aliases stand for more
// than the budget's nodes (a "billion laughs") is refused before anything walks the expanded data.
import { type Alias, isAlias, isMap, isPair, isScalar, isSeq, type Node } from "yaml";

export interface AliasIndex {
  /** Each alias → the node it stands for: the last node before it carrying its anchor. */
  readonly targets: ReadonlyMap<Alias, Node>;
  /** Aliases with no anchor before them, in document order. */
  readonly unresolved: readonly Alias[];
  /** The first alias that refers to a node containing it, or that took expansion over the budget. */
  readonly overBudget: { readonly alias: Alias; readonly cycle: boolean } | undefined;
}

/**
 * Resolves every alias below `root` in document order and adds up the nodes they stand for (an
 * alias to a map of three scalars stands for four), stopping at the first alias past `budget`.
 */
export function indexAliases(root: Node | null, budget: number): AliasIndex {
  const targets = new Map<Alias, Node>();
  const unresolved: Alias[] = [];
  const latest = new Map<string, Node>();
  // The expanded size of every anchored node measured so far; absent while it is being measured.
  const sizes = new Map<Node, number>();
  let spent = 0;
  let overBudget: AliasIndex["overBudget"];

  const measure = (node: unknown): number => {
    if (overBudget !== undefined) return 0;
    if (isAlias(node)) {
      const target = latest.get(node.source);
      if (target === undefined) {
        unresolved.push(node);
        return 1;
      }
      targets.set(node, target);
      // An anchored node is measured before any alias after it (document order), unless the
      // alias lies inside it: an alias to its own ancestor expands without end.
      const size = sizes.get(target);
      if (size === undefined) {
        overBudget = { alias: node, cycle: true };
        return 0;
      }
      spent += size;
      if (spent > budget) overBudget = { alias: node, cycle: false };
      return size;
    }
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) return 0;
    if (node.anchor !== undefined) latest.set(node.anchor, node);
    let size = 1;
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        size += isPair(item) ? measure(item.key) + measure(item.value) : measure(item);
      }
    }
    if (node.anchor !== undefined) sizes.set(node, size);
    return size;
  };
  measure(root);
  return { targets, unresolved, overBudget };
}
