/**
 * A unit's hook log, kept compact: the hooks themselves (which exist anyway), one small integer
 * per hook for its outcome and the unit's life, and the rare error messages. Records are built
 * when read. A long simulation logs millions of hooks.
 */
import type { Life } from '../model/entities.js';
import type { Hook } from '../uniter/hook.js';
import type { HookRecord } from './hook-record.js';

const OUTCOMES: readonly HookRecord['outcome'][] = ['succeeded', 'failed', 'skipped'];
const LIVES: readonly Life[] = ['alive', 'dying', 'dead'];

/** One unit's hooks, in order. */
export class HookLog {
  private readonly hooks: Hook[] = [];
  /** outcome index + 4 × life index, per hook. */
  private readonly codes: number[] = [];
  private readonly errors = new Map<number, string>();

  constructor(
    private readonly unit: string,
    private readonly environment: (hook: Hook) => Record<string, string>,
  ) {}

  get length(): number {
    return this.hooks.length;
  }

  push(record: Omit<HookRecord, 'environment' | 'unit'>): void {
    if (record.error !== undefined) this.errors.set(this.hooks.length, record.error);
    this.hooks.push(record.hook);
    this.codes.push(OUTCOMES.indexOf(record.outcome) + 4 * LIVES.indexOf(record.unitLife));
  }

  /** The records from `start` on. */
  records(start = 0): HookRecord[] {
    return this.hooks.slice(start).map((hook, offset) => this.record(hook, start + offset));
  }

  private record(hook: Hook, index: number): HookRecord {
    const code = this.codes[index] ?? 0;
    const error = this.errors.get(index);
    const environment = this.environment;
    return {
      unit: this.unit,
      hook,
      outcome: OUTCOMES[code % 4] ?? 'succeeded',
      unitLife: LIVES[Math.floor(code / 4)] ?? 'alive',
      ...(error === undefined ? {} : { error }),
      get environment() {
        return environment(hook);
      },
    };
  }
}
