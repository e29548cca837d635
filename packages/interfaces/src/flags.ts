/**
 * The unit's flags (spec/reactive-endpoint.md §3, §5.2, §6): set and cleared by handlers and by
 * the endpoints' automatic management, kept in the unit's stored state so they persist across
 * hooks and are rolled back with a hook that fails, like everything the hook changed. Triggers
 * (re-registered every hook) fire inside set() and clear(), before any handler runs; the changes
 * of a pass are what re-invokes handlers in the next one.
 */
import { dataHash } from './python-json.js';
import type { JsonData } from './python-json.js';

/** What the flag store keeps between hooks. */
export interface FlagData {
  /** The flags that are set. */
  flags: Record<string, boolean>;
  /** `data_changed` hashes by id (§3.2). */
  hashes: Record<string, string>;
}

/** `register_trigger`: when a flag becomes set (or cleared), set or clear others, or call back. */
export interface Trigger {
  readonly when?: string;
  readonly whenNot?: string;
  readonly setFlag?: string;
  readonly clearFlag?: string;
  readonly callback?: () => void;
}

export class FlagStore {
  private readonly setTriggers = new Map<string, Trigger[]>();
  private readonly clearTriggers = new Map<string, Trigger[]>();
  /** Flags set or cleared (for real) since the last takeChanges(): the FlagWatch. */
  private changes = new Set<string>();
  /** Whether any clear() happened since the last takeRemoved() (bus's removed_state). */
  private removed = false;

  constructor(private readonly data: FlagData) {}

  isSet(flag: string): boolean {
    return this.data.flags[flag] === true;
  }

  /** Every flag that is set, sorted. */
  all(): string[] {
    return Object.keys(this.data.flags).sort();
  }

  /** Sets the flag; a flag that was not set records a change and fires its triggers. */
  set(flag: string): void {
    if (this.isSet(flag)) return;
    this.data.flags[flag] = true;
    this.changes.add(flag);
    this.fire(this.setTriggers.get(flag));
  }

  /** Clears the flag; any clear marks a removal, and one that was set fires its triggers. */
  clear(flag: string): void {
    this.removed = true;
    if (!this.isSet(flag)) return;
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- flags are keys of a JSON map
    delete this.data.flags[flag];
    this.changes.add(flag);
    this.fire(this.clearTriggers.get(flag));
  }

  /** Sets or clears the flag as `on` says. */
  toggle(flag: string, on: boolean): void {
    if (on) this.set(flag);
    else this.clear(flag);
  }

  /**
   * Registers a trigger for this hook (§5.2): exactly one of `when` / `whenNot`, and at least one
   * of `setFlag`, `clearFlag`, `callback`.
   *
   * @throws Error naming what is missing or doubled.
   */
  registerTrigger(trigger: Trigger): void {
    const { when, whenNot } = trigger;
    if ((when === undefined) === (whenNot === undefined))
      throw new Error('a trigger needs exactly one of when and whenNot');
    if (
      trigger.setFlag === undefined &&
      trigger.clearFlag === undefined &&
      trigger.callback === undefined
    )
      throw new Error('a trigger needs at least one of setFlag, clearFlag and callback');
    const [table, flag] =
      when === undefined ? [this.clearTriggers, whenNot ?? ''] : [this.setTriggers, when];
    table.set(flag, [...(table.get(flag) ?? []), trigger]);
  }

  /**
   * `data_changed(id, value)`: whether the value's hash differs from the one last stored under
   * `id` (a first sight counts), storing the new one either way.
   */
  dataChanged(id: string, value: JsonData | undefined): boolean {
    const hash = dataHash(value);
    const changed = this.data.hashes[id] !== hash;
    this.data.hashes[id] = hash;
    return changed;
  }

  /** Whether a clear() happened since the last call, and forgets it. */
  takeRemoved(): boolean {
    const removed = this.removed;
    this.removed = false;
    return removed;
  }

  /** The flags changed since the last call, and forgets them. */
  takeChanges(): Set<string> {
    const changes = this.changes;
    this.changes = new Set();
    return changes;
  }

  private fire(triggers: readonly Trigger[] | undefined): void {
    for (const trigger of triggers ?? []) {
      if (trigger.setFlag !== undefined) this.set(trigger.setFlag);
      if (trigger.clearFlag !== undefined) this.clear(trigger.clearFlag);
      trigger.callback?.();
    }
  }
}
