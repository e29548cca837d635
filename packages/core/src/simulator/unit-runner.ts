/**
 * One simulated unit agent: its resolver, its member bag cache (R4.9), its hook log and the log
 * lines its charm wrote.
 */
import { MemberBagCache } from '../hook-context/member-cache.js';
import type { LogLevel } from '../hook-context/hook-context.js';
import type { CompatibilityOptions } from '../uniter/uniter-options.js';
import { initialUniterState } from '../uniter/uniter-state.js';
import { UnitResolver } from '../uniter/unit-resolver.js';
import { HookLog } from './hook-log.js';
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
  readonly hooks: HookLog;
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
    this.hooks = new HookLog(unit, (hook) => this.environment(hook));
  }

  /** The full environment of a hook of this unit (R6.4, R6.5). */
  environment(hook: Hook): Record<string, string> {
    return { ...this.baseEnvironment, ...hookVariables(hook) };
  }

  /** Appends a hook to the log. */
  record(fields: Omit<HookRecord, 'environment' | 'unit'>): void {
    this.hooks.push(fields);
  }
}
