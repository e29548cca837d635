/**
 * Member trees: unit name → unit bag version, sorted byte-wise (Juju's order), persistent (a
 * change returns a new tree sharing structure with the old one). Scopes hold them; a uniter diffs
 * the tree it saw last against the current one in time proportional to what changed.
 */
import btree from 'sorted-btree';
import type * as btreeTypes from 'sorted-btree';
import diffModule from 'sorted-btree/extended/diffAgainst.js';

import { compareNames } from './keys.js';

const BTree = btree.default;
const diffAgainst = diffModule.default;

/** A persistent sorted map of member units to their bag versions. Never mutate one. */
export type MemberTree = btreeTypes.default<string, number>;

function frozen(tree: MemberTree): MemberTree {
  tree.freeze();
  return tree;
}

/** The empty member tree; every member tree derives from it (they share its comparator). */
export const EMPTY_MEMBERS: MemberTree = frozen(new BTree<string, number>(undefined, compareNames));

/** A tree with `unit` at `version`. */
export function withMember(tree: MemberTree, unit: string, version: number): MemberTree {
  if (tree.get(unit) === version) return tree;
  return frozen(tree.with(unit, version, true));
}

/** A tree without `unit` (the same tree when it was not there). */
export function withoutMember(tree: MemberTree, unit: string): MemberTree {
  if (!tree.has(unit)) return tree;
  return frozen(tree.without(unit));
}

/** Builds a tree from entries. */
export function memberTreeOf(entries: Iterable<readonly [string, number]>): MemberTree {
  let tree = EMPTY_MEMBERS;
  for (const [unit, version] of entries) tree = withMember(tree, unit, version);
  return tree;
}

/**
 * Calls `changed` for every unit whose version differs between the two trees (present in only one
 * counts), skipping the structure they share.
 */
export function diffMembers(
  before: MemberTree,
  after: MemberTree,
  changed: (unit: string) => void,
): void {
  if (before === after) return;
  diffAgainst(
    before,
    after,
    (unit) => {
      changed(unit);
    },
    (unit) => {
      changed(unit);
    },
    (unit) => {
      changed(unit);
    },
  );
}
