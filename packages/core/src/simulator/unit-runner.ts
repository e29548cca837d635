/**
 * One simulated unit agent: its resolver, its member bag cache (R4.9), its hook log and the log
 * lines its charm wrote.
 */
import { MemberBagCache } from '../hook-context/member-cache.js';
import type { LogLevel } from '../hook-context/hook-context.js';
import type { CompatibilityOptions } from '../uniter/uniter-options.js';
import { initialUniterState } from '../uniter/uniter-state.js';
import { UnitResolver } from '../uniter/unit-resolver.js';
import type { HookRecord } from './hook-record.js';
import type { CharmHandler } from './simulation-host.js';
import { hookVariables } from '../uniter/hook.js';
import type { Hook } from '../uniter/hook.js';

/** A `juju-log` line. */
export interface LogLine {
  readonly level: LogLevel;
  readonly message: string;
}

/** The in-memory agent of one unit. */
export class UnitRunner {
  readonly resolver: UnitResolver;
  readonly memberCache = new MemberBagCache();
  readonly hooks: HookRecord[] = [];
  readonly logs: LogLine[] = [];
  /** The unit's charm behaviour, as resolved at `handlerGeneration`. */
  handler: CharmHandler | undefined;
  handlerGeneration = -1;
  /** Whether the charm ever set a workload status (R7.17). */
  statusEverSet = false;

  /**
   * @param baseEnvironment The unit's `JUJU_*` variables that do not depend on the hook.
   */
  constructor(
    readonly unit: string,
    options: Partial<CompatibilityOptions>,
    private readonly baseEnvironment: Readonly<Record<string, string>>,
  ) {
    this.resolver = new UnitResolver(initialUniterState(unit), options);
  }

  /** The full environment of a hook of this unit (R6.4, R6.5). */
  environment(hook: Hook): Record<string, string> {
    return { ...this.baseEnvironment, ...hookVariables(hook) };
  }

  /** Appends a hook to the log; its environment is rebuilt when read, not stored. */
  record(fields: Omit<HookRecord, 'environment'>): void {
    this.hooks.push(new RecordedHook(fields, this));
  }
}

/** A logged hook whose environment is rebuilt when read rather than stored (logs grow large). */
class RecordedHook implements HookRecord {
  readonly hook: Hook;
  readonly unitLife: HookRecord['unitLife'];
  readonly outcome: HookRecord['outcome'];
  readonly error?: string;

  constructor(
    fields: Omit<HookRecord, 'environment'>,
    private readonly runner: UnitRunner,
  ) {
    this.hook = fields.hook;
    this.unitLife = fields.unitLife;
    this.outcome = fields.outcome;
    if (fields.error !== undefined) this.error = fields.error;
  }

  get unit(): string {
    return this.runner.unit;
  }

  get environment(): Readonly<Record<string, string>> {
    return this.runner.environment(this.hook);
  }
}
