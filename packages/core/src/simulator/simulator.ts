/**
 * The model simulator: a whole model run in-process, every unit's uniter stepped one operation
 * at a time, charms given as functions. Deterministic: the same operations and stepping policy
 * give the same hooks, in the same order.
 */
import { principalName } from '../model/queries.js';
import type { ModelState } from '../model/model-state.js';
import { emptyModel } from '../model/model-state.js';
import type { OperationResult } from '../model/refusal.js';
import { addUnit } from '../operations/add-unit.js';
import type { AddUnitInput } from '../operations/add-unit.js';
import { configureApplication } from '../operations/configure.js';
import { deploy } from '../operations/deploy.js';
import type { Deployed, DeployInput } from '../operations/deploy.js';
import { integrate } from '../operations/integrate.js';
import type { Integrated } from '../operations/integrate.js';
import { setLeader } from '../operations/leadership.js';
import { removeApplication } from '../operations/remove-application.js';
import { removeRelation } from '../operations/remove-relation.js';
import type { RemoveRelationInput } from '../operations/remove-relation.js';
import { removeUnit, unitDead } from '../operations/remove-unit.js';
import { enterScope, leaveScope } from '../operations/scope.js';
import { destroyOrphanedSubordinate, destroySubordinates } from '../operations/subordinates.js';
import { setUnitStatus } from '../operations/unit-status.js';
import { unitsAffectedBy } from '../uniter/affected-units.js';
import { nextOperation } from '../uniter/next-operation.js';
import { resolveFailedHook, restartUniter } from '../uniter/uniter-lifecycle.js';
import { compatibility, JUJU_VERSION } from '../uniter/uniter-options.js';
import type { CompatibilityOptions } from '../uniter/uniter-options.js';
import type { UniterOperation } from '../uniter/uniter-operation.js';
import type { Resolution, UniterState } from '../uniter/uniter-state.js';
import type { HookRecord } from './hook-record.js';
import { runHook, runHookAsync } from './run-hook.js';
import { SnapshotCache } from './snapshot-cache.js';
import { NotSettledError, OperationRefusedError, SimulationError } from './simulation-error.js';
import type { CharmHandler, SimulationHost } from './simulation-host.js';
import { createStepper } from './stepping.js';
import type { Stepper, Stepping } from './stepping.js';
import { UnitRunner } from './unit-runner.js';
import type { LogLine } from './unit-runner.js';

/** How a simulator is set up. */
export interface SimulatorOptions {
  /** The model's name (`JUJU_MODEL_NAME`); default `default`. */
  readonly model?: string;
  /** Default: round-robin by unit name. */
  readonly stepping?: Stepping;
  /** Compatibility switches (spec §11.3); Juju's behaviour by default. */
  readonly compatibility?: Partial<CompatibilityOptions>;
  /**
   * Checks at every step that the incremental resolver chooses what the pure `nextOperation`
   * chooses (slower; for tests).
   */
  readonly crossCheckResolver?: boolean;
}

/** What `settle` did. */
export interface SettleReport {
  /** Operations run, hooks included. */
  readonly operations: number;
  readonly hooks: number;
  /** Units left in a hook-error state. */
  readonly unitsInError: readonly string[];
  /** Each unit's hooks run during this settle, in order (built when called). */
  readonly hookLogs: () => ReadonlyMap<string, readonly HookRecord[]>;
}

/**
 * Runs a model in-process.
 *
 * @example
 * const sim = new Simulator();
 * sim.deploy({ application: 'db', charm: dbCharm, handler: (ctx) => ctx.log('hello') });
 * sim.deploy({ application: 'app', charm: webCharm, numUnits: 2 });
 * sim.integrate('app', 'db');
 * sim.settle();
 * sim.hooks('app/0').map((record) => describeHook(record.hook));
 */
export class Simulator implements SimulationHost {
  readonly compatibility: Partial<CompatibilityOptions>;
  private model: ModelState;
  private readonly runners = new Map<string, UnitRunner>();
  private readonly handlers = new Map<string, CharmHandler>();
  private readonly charmHandlers = new Map<string, CharmHandler>();
  /** Bumped when a behaviour is registered: runners re-resolve their cached handler. */
  private handlerGeneration = 0;
  private readonly stepper: Stepper;
  private readonly crossCheck: boolean;
  private readonly snapshots: SnapshotCache;

  constructor(options: SimulatorOptions = {}) {
    this.crossCheck = options.crossCheckResolver ?? false;
    this.snapshots = new SnapshotCache(this.crossCheck);
    this.model = emptyModel(options.model ?? 'default');
    this.compatibility = compatibility(options.compatibility);
    this.stepper = createStepper(options.stepping ?? { kind: 'round-robin' });
  }

  /** The model as it is now. */
  get state(): ModelState {
    return this.model;
  }

  /** Gives every application of a charm (by charm name) a behaviour. */
  charm(charmName: string, handler: CharmHandler): void {
    this.charmHandlers.set(charmName, handler);
    this.handlerGeneration += 1;
  }

  /** `deploy`, with an optional behaviour for this application. */
  deploy(input: DeployInput & { readonly handler?: CharmHandler }): Deployed {
    const { handler, ...rest } = input;
    const deployed = this.must(deploy(this.model, rest));
    if (handler !== undefined) {
      this.handlers.set(input.application, handler);
      this.handlerGeneration += 1;
    }
    return deployed;
  }

  addUnit(input: AddUnitInput): readonly string[] {
    return this.must(addUnit(this.model, input)).units;
  }

  integrate(...endpoints: string[]): Integrated {
    return this.must(integrate(this.model, { endpoints }));
  }

  removeRelation(input: RemoveRelationInput): void {
    this.must(removeRelation(this.model, input));
  }

  removeUnit(...units: string[]): void {
    this.must(removeUnit(this.model, { units }));
  }

  removeApplication(application: string): void {
    this.must(removeApplication(this.model, { application }));
  }

  configure(
    application: string,
    settings: Parameters<typeof configureApplication>[1]['settings'],
  ): void {
    this.must(configureApplication(this.model, { application, settings }));
  }

  /** Applies any core operation to the model; throws OperationRefusedError with Juju's message. */
  run<T>(operation: (state: ModelState) => OperationResult<T>): T {
    return this.must(operation(this.model));
  }

  /** R5.24: restarts a unit's agent: in-memory state is lost, persisted state is kept. */
  restartAgent(unit: string): void {
    const runner = this.runnerOf(unit);
    runner.resolver.replace(restartUniter(runner.resolver.state, this.compatibility));
    runner.memberCache.clear();
    this.stepper.add(unit);
  }

  /** R5.23: `loom resolve [--no-retry]`: retry the failed hook, or skip it. */
  resolve(unit: string, resolution: Resolution = 'retry'): void {
    const runner = this.runnerOf(unit);
    const resolved = resolveFailedHook(runner.resolver.state, resolution);
    if ('ok' in resolved) throw new OperationRefusedError(resolved);
    runner.resolver.replace(resolved);
    this.stepper.add(unit);
  }

  /** The hooks a unit ran, in order (from `start` on). */
  hooks(unit: string, start = 0): readonly HookRecord[] {
    return this.runners.get(unit)?.hooks.records(start) ?? [];
  }

  /** How many hooks a unit ran. */
  hookCount(unit: string): number {
    return this.runners.get(unit)?.hooks.length ?? 0;
  }

  /** A unit's uniter state (undefined before its agent first ran). */
  uniterState(unit: string): UniterState | undefined {
    return this.runners.get(unit)?.resolver.state;
  }

  /** The `juju-log` lines a unit's charm wrote. */
  logs(unit: string): readonly LogLine[] {
    return this.runners.get(unit)?.logs ?? [];
  }

  /** Every unit that has ever run, removed ones included, in name order. */
  units(): string[] {
    return [...this.runners.keys()].sort();
  }

  /**
   * Runs one operation of one unit, chosen by the stepping policy. Returns false when no unit has
   * anything left to do.
   */
  step(): boolean {
    for (;;) {
      const unit = this.stepper.next();
      if (unit === undefined) return false;
      if (this.stepUnit(unit)) return true;
      this.stepper.remove(unit);
    }
  }

  /** As step(), awaiting charm handlers that return promises. */
  async stepAsync(): Promise<boolean> {
    for (;;) {
      const unit = this.stepper.next();
      if (unit === undefined) return false;
      if (await this.stepUnitAsync(unit)) return true;
      this.stepper.remove(unit);
    }
  }

  /** Steps until no unit has anything to do. */
  settle(options: { readonly maxOperations?: number } = {}): SettleReport {
    const settling = this.startSettling(options);
    while (this.step()) settling.counted();
    return settling.report();
  }

  /** As settle(), awaiting charm handlers that return promises. */
  async settleAsync(options: { readonly maxOperations?: number } = {}): Promise<SettleReport> {
    const settling = this.startSettling(options);
    while (await this.stepAsync()) settling.counted();
    return settling.report();
  }

  /** Counts a settle's operations (refusing to go past the maximum) and reports on it. */
  private startSettling(options: { readonly maxOperations?: number }) {
    const max = options.maxOperations ?? 10_000_000;
    const hooksBefore = this.totalHooks();
    const marks = new Map([...this.runners].map(([unit, runner]) => [unit, runner.hooks.length]));
    let operations = 0;
    return {
      counted: () => {
        operations += 1;
        if (operations >= max) throw new NotSettledError(operations, this.busyUnits());
      },
      report: (): SettleReport => {
        const unitsInError = [...this.runners.values()]
          .filter(
            (runner) =>
              runner.resolver.state.failed !== undefined && this.model.units.has(runner.unit),
          )
          .map((runner) => runner.unit)
          .sort();
        const hookLogs = () =>
          new Map(
            [...this.runners]
              .map(([unit, runner]) => [unit, runner.hooks.records(marks.get(unit) ?? 0)] as const)
              .filter(([, records]) => records.length > 0),
          );
        return { operations, hooks: this.totalHooks() - hooksBefore, unitsInError, hookLogs };
      },
    };
  }

  apply<T>(result: OperationResult<T>): OperationResult<T> {
    if (!result.ok) return result;
    const before = this.model;
    this.model = result.state;
    for (const unit of unitsAffectedBy(before, result.state, result.changes)) {
      this.stepper.add(unit);
      this.snapshots.invalidate(unit);
    }
    return result;
  }

  handlerFor(unit: string): CharmHandler | undefined {
    const runner = this.runners.get(unit);
    if (runner?.handlerGeneration === this.handlerGeneration) return runner.handler;
    const application = this.model.units.get(unit)?.application;
    const charm =
      application === undefined ? undefined : this.model.applications.get(application)?.charm.name;
    const handler =
      (application === undefined ? undefined : this.handlers.get(application)) ??
      (charm === undefined ? undefined : this.charmHandlers.get(charm));
    if (runner !== undefined) {
      runner.handler = handler;
      runner.handlerGeneration = this.handlerGeneration;
    }
    return handler;
  }

  addressOf(unit: string): string {
    const machine = Number(this.model.units.get(unit)?.machine ?? 0);
    return `172.16.${Math.floor(machine / 250)}.${(machine % 250) + 1}`;
  }

  /**
   * Runs one operation of `unit` only, whatever the stepping policy; false when it has nothing to
   * do. Lets a test force an interleaving (for example S9).
   */
  stepUnit(unit: string): boolean {
    const next = this.nextOperationOf(unit);
    if (typeof next === 'boolean') return next;
    return this.execute(next.runner, next.operation);
  }

  /** As stepUnit(), awaiting a charm handler that returns a promise. */
  async stepUnitAsync(unit: string): Promise<boolean> {
    const next = this.nextOperationOf(unit);
    if (typeof next === 'boolean') return next;
    if (next.operation.kind === 'run-hook') {
      await runHookAsync(this, next.runner, next.operation);
      return true;
    }
    return this.execute(next.runner, next.operation);
  }

  /**
   * The operation `unit` runs next with its runner; or whether it did something instead
   * (claiming a vacant leadership) or has nothing to do.
   */
  private nextOperationOf(
    unit: string,
  ): boolean | { readonly runner: UnitRunner; readonly operation: UniterOperation } {
    const snapshot = this.snapshots.get(this.model, unit);
    if (snapshot === undefined) return false;
    const runner = this.runners.get(unit) ?? this.startAgent(unit);
    // Spec §11.2: the first unit to run claims a vacant leadership.
    if (snapshot.life === 'alive' && !snapshot.hasLeader) {
      this.apply(setLeader(this.model, { application: snapshot.application, unit }));
      return true;
    }
    const operation = runner.resolver.next(snapshot);
    if (this.crossCheck) {
      const expected = nextOperation(runner.resolver.state, snapshot, this.compatibility);
      if (JSON.stringify(expected) !== JSON.stringify(operation)) {
        throw new SimulationError(
          `resolvers disagree for ${unit}: incremental ${JSON.stringify(operation)}, pure ${JSON.stringify(expected)}`,
        );
      }
    }
    return operation === undefined ? false : { runner, operation };
  }

  /** The agent's first report ends the unit's allocating phase (R3.15). */
  private startAgent(unit: string): UnitRunner {
    const entity = this.model.units.get(unit);
    const runner = new UnitRunner(unit, this.compatibility, {
      JUJU_UNIT_NAME: unit,
      JUJU_MODEL_NAME: this.model.name,
      JUJU_MACHINE_ID: entity?.machine ?? '',
      JUJU_PRINCIPAL_UNIT: entity?.principal ?? '',
      JUJU_VERSION,
    });
    this.runners.set(unit, runner);
    this.apply(setUnitStatus(this.model, { unit, agent: { current: 'idle', message: '' } }));
    return runner;
  }

  /** Carries out one operation; false when the model refused it (the unit waits for a change). */
  private execute(runner: UnitRunner, operation: UniterOperation): boolean {
    const unit = runner.unit;
    const applied = (result: OperationResult<unknown>): boolean => {
      if (!this.apply(result).ok) return false;
      runner.resolver.commit(operation);
      return true;
    };
    switch (operation.kind) {
      case 'run-hook':
        runHook(this, runner, operation);
        return true;
      case 'enter-scope': {
        const address = this.addressOf(principalName(this.unitOf(unit)));
        return applied(
          enterScope(this.model, {
            unit,
            relationId: operation.relationId,
            ingressAddress: address,
          }),
        );
      }
      case 'leave-scope':
        return applied(leaveScope(this.model, { unit, relationId: operation.relationId }));
      case 'destroy-subordinates':
        return applied(destroySubordinates(this.model, { principal: unit }));
      case 'destroy-self':
        return applied(destroyOrphanedSubordinate(this.model, { unit }));
      case 'set-dead':
        return applied(unitDead(this.model, { unit }));
      case 'accept-leadership':
      case 'resign-leadership':
        runner.resolver.commit(operation);
        return true;
    }
  }

  private unitOf(unit: string) {
    const entity = this.model.units.get(unit);
    if (entity === undefined) throw new SimulationError(`unit "${unit}" does not exist`);
    return entity;
  }

  private runnerOf(unit: string): UnitRunner {
    const runner = this.runners.get(unit);
    if (runner === undefined || !this.model.units.has(unit)) {
      throw new SimulationError(
        `unit "${unit}" has no running agent; run settle() after adding it`,
      );
    }
    return runner;
  }

  private must<T>(result: OperationResult<T>): T {
    const applied = this.apply(result);
    if (!applied.ok) throw new OperationRefusedError(applied);
    return applied.value;
  }

  private totalHooks(): number {
    let count = 0;
    for (const runner of this.runners.values()) count += runner.hooks.length;
    return count;
  }

  private busyUnits(): string[] {
    return [...this.runners.keys()].filter((unit) => this.model.units.has(unit)).sort();
  }
}
