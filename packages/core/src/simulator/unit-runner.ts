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
  /** Whether the charm ever set a workload status (R7.17). */
  statusEverSet = false;

  constructor(
    readonly unit: string,
    options: Partial<CompatibilityOptions>,
  ) {
    this.resolver = new UnitResolver(initialUniterState(unit), options);
  }
}
