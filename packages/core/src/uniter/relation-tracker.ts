/**
 * Incremental relation work (R5.8 steps 2, 5, 6): three sorted sets of units that must depart,
 * join or change, kept up to date from what changed since the last look: in the scope (a diff of
 * member trees that skips shared structure) and in the local members (the units the last commits
 * touched). Cost per step is proportional to the change, not to the relation's size.
 */
import { diffMembers, EMPTY_MEMBERS } from '../model/member-tree.js';
import type { MemberTree } from '../model/member-tree.js';
import { PendingUnits } from './pending-units.js';
import type { RelationWork } from './relation-work.js';
import type { RelationState } from './uniter-state.js';
import type { RelationSnapshot } from './unit-snapshot.js';

type UnitSet = PendingUnits;

function unitSet(): UnitSet {
  return new PendingUnits();
}

/** The pending unit-level work of one joined relation of one unit. */
export class RelationTracker implements RelationWork {
  private members: RelationState['members'] | undefined;
  private tree: MemberTree = EMPTY_MEMBERS;
  private self = '';
  private readonly departed = unitSet();
  private readonly joined = unitSet();
  private readonly changed = unitSet();
  /** The set each unit is filed in, so re-filing touches one set. */
  private readonly filed = new Map<string, UnitSet>();
  /** The inputs last decided to need nothing (objects are immutable, so identity suffices). */
  private idleLocal: RelationState | undefined;
  private idleSnapshot: RelationSnapshot | undefined;
  private idleBroken = false;
  private currentLocal: RelationState | undefined;
  private currentSnapshot: RelationSnapshot | undefined;
  private currentBroken = false;

  /**
   * Brings the sets up to date. `touched` names the local members the commits since the last
   * update changed; without it (or on first use) the sets are rebuilt from scratch.
   */
  update(
    local: RelationState,
    snapshot: RelationSnapshot | undefined,
    broken: boolean,
    touched: ReadonlySet<string> | undefined,
  ): this | undefined {
    if (
      this.idleLocal === local &&
      this.idleSnapshot === snapshot &&
      this.idleBroken === broken &&
      touched === undefined
    ) {
      return undefined;
    }
    this.currentLocal = local;
    this.currentSnapshot = snapshot;
    this.currentBroken = broken;
    const tree = broken || snapshot === undefined ? EMPTY_MEMBERS : snapshot.scopeMembers;
    const self = snapshot?.self ?? this.self;
    if (
      this.members === undefined ||
      self !== this.self ||
      (local.members !== this.members && touched === undefined)
    ) {
      this.rebuild(local, tree, self);
      return this;
    }
    this.members = local.members;
    for (const unit of touched ?? []) this.place(unit);
    if (tree !== this.tree) {
      const before = this.tree;
      this.tree = tree;
      diffMembers(before, tree, (unit) => {
        this.place(unit);
      });
    }
    return this;
  }

  settled(): void {
    this.idleLocal = this.currentLocal;
    this.idleSnapshot = this.currentSnapshot;
    this.idleBroken = this.currentBroken;
  }

  firstDeparted(): string | undefined {
    return this.departed.min();
  }

  firstJoined(): string | undefined {
    return this.joined.min();
  }

  firstChanged(): string | undefined {
    return this.changed.min();
  }

  private rebuild(local: RelationState, tree: MemberTree, self: string): void {
    this.members = local.members;
    this.tree = tree;
    this.self = self;
    this.departed.clear();
    this.joined.clear();
    this.changed.clear();
    this.filed.clear();
    for (const unit of local.members.keys()) this.place(unit);
    tree.forEachPair((unit) => {
      this.place(unit);
    });
  }

  /** Files one unit under the work it needs, if any. */
  private place(unit: string): void {
    if (unit === this.self) return;
    const local = this.members?.get(unit);
    const remote = this.tree.get(unit);
    const set =
      local !== undefined && remote === undefined
        ? this.departed
        : local === undefined && remote !== undefined
          ? this.joined
          : local !== undefined && local !== remote
            ? this.changed
            : undefined;
    const previous = this.filed.get(unit);
    if (previous === set) return;
    previous?.delete(unit);
    if (set === undefined) {
      this.filed.delete(unit);
      return;
    }
    set.add(unit);
    this.filed.set(unit, set);
  }
}
