/**
 * R4.9: a unit keeps the unit bags of its relation members cached across hooks; a member's entry
 * is dropped when a `-joined`/`-changed` hook for that member starts. One cache per unit agent.
 */

/** Cached member bags of one unit, by relation and member. */
export class MemberBagCache {
  private readonly bags = new Map<number, Map<string, ReadonlyMap<string, string>>>();

  get(relationId: number, unit: string): ReadonlyMap<string, string> | undefined {
    return this.bags.get(relationId)?.get(unit);
  }

  set(relationId: number, unit: string, values: ReadonlyMap<string, string>): void {
    const relation = this.bags.get(relationId) ?? new Map<string, ReadonlyMap<string, string>>();
    relation.set(unit, values);
    this.bags.set(relationId, relation);
  }

  /** Drops one member's bag: its hook is starting. */
  forget(relationId: number, unit: string): void {
    this.bags.get(relationId)?.delete(unit);
  }

  /** Drops everything (an agent restart starts with an empty cache). */
  clear(): void {
    this.bags.clear();
  }
}
