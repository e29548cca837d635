/**
 * Many TypeScript charms against each other in one process: core's simulator decides every hook
 * exactly as Juju's uniter would (R5), and each hook runs the charm's own @loom/ops code through
 * a ContextBackend. No processes, no controller: a test deploys, integrates, settles and reads
 * back each unit's hooks, bags, status and stored state.
 *
 * @example
 * const model = new TestModel();
 * model.deploy('db', DatabaseCharm, { charm: { metadata: DB_METADATA }, numUnits: 2 });
 * model.deploy('app', AppCharm, { charm: { directory: 'charms/app' } });
 * const relation = model.integrate('app', 'db');
 * await model.settle();
 * assert.equal(model.appBag(relation, 'db').host, '172.16.0.1');
 */
import { applicationOfUnit, describeHook, setLeader, Simulator } from '@loom/core';
import type { CharmMetadata, ConfigValue, LogLine, SettleReport, Status } from '@loom/core';
import { SNAPSHOT_PREFIX } from '@loom/ops';
import type { CharmBase, CharmType } from '@loom/ops';

import { readBag, writeBag } from './bags.js';
import { loadCharmSpec } from './charm-spec.js';
import type { CharmSpec } from './charm-spec.js';
import { opsHandler } from './ops-handler.js';
import type { HookFailure } from './ops-handler.js';
import { runAction } from './run-action.js';
import type { ActionOutput } from './run-action.js';

/** How units are interleaved: round-robin by name (default), or a seeded random order. */
export interface TestModelOptions {
  readonly seed?: number;
  /** The model's name (`JUJU_MODEL_NAME`); default `default`. */
  readonly name?: string;
}

/** Deploying one application of a TypeScript charm. */
export interface DeployOptions {
  readonly charm: CharmSpec;
  /** Default 1 (0 for a subordinate). */
  readonly numUnits?: number;
  readonly config?: Readonly<Record<string, ConfigValue>>;
  /** Existing machines for the first units. */
  readonly to?: readonly string[];
  /**
   * Whether the charm's code runs for a unit's hook; by default for every unit. A unit for which
   * it does not run still has every hook, committing nothing (the Harness's stand-in units).
   */
  readonly runsOn?: (unit: string) => boolean;
  /** Addresses of particular bindings of a unit, instead of its machine's. */
  readonly networksOf?: (unit: string) => Readonly<Record<string, string>> | undefined;
}

/** Settling left hooks failed that the test did not expect. */
export class HookFailedError extends Error {
  constructor(readonly failures: readonly HookFailure[]) {
    super(
      `${failures.length} hook${failures.length === 1 ? '' : 's'} failed:\n${failures
        .map(
          (failure) =>
            `- ${failure.unit}: hook "${failure.hook}" failed: ${stackOf(failure.error)}`,
        )
        .join('\n')}`,
    );
    this.name = new.target.name;
  }
}

function stackOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.stack ?? `${error.name}: ${error.message}`;
}

export class TestModel {
  /** The simulator underneath, for what this class does not wrap. */
  readonly simulator: Simulator;
  private failures: HookFailure[] = [];
  /** The charm object of each unit's last hook. */
  private readonly charmObjects = new Map<string, CharmBase>();
  /** Each application's charm class and metadata, for actions. */
  private readonly charms = new Map<string, { charmType: CharmType; metadata: CharmMetadata }>();

  constructor(options: TestModelOptions = {}) {
    this.simulator = new Simulator({
      ...(options.name === undefined ? {} : { model: options.name }),
      ...(options.seed === undefined ? {} : { stepping: { kind: 'random', seed: options.seed } }),
    });
  }

  /**
   * Deploys `application` running `charmType`; its units' hooks run once settle() is called.
   *
   * @returns the new units' names.
   * @throws CharmSpecError when the metadata does not load; OperationRefusedError with Juju's
   *   message when the deploy is refused.
   */
  deploy(application: string, charmType: CharmType, options: DeployOptions): readonly string[] {
    const metadata = loadCharmSpec(options.charm);
    this.charms.set(application, { charmType, metadata });
    const handler = opsHandler(charmType, metadata, {
      model: () => this.simulator.state,
      addressOf: (unit) => this.simulator.addressOf(unit),
      failed: (failure) => this.failures.push(failure),
      charmBuilt: (unit, charm) => this.charmObjects.set(unit, charm),
      ...(options.runsOn === undefined ? {} : { runsOn: options.runsOn }),
      ...(options.networksOf === undefined ? {} : { networksOf: options.networksOf }),
    });
    return this.simulator.deploy({
      application,
      charm: metadata,
      handler,
      ...(options.numUnits === undefined ? {} : { numUnits: options.numUnits }),
      ...(options.config === undefined ? {} : { config: options.config }),
      ...(options.to === undefined ? {} : { to: options.to }),
    }).units;
  }

  /**
   * Deploys an application that runs no charm code: its units have every hook and commit nothing
   * of their own; the test writes their bags with writeBag(). The Harness's remote applications.
   */
  deployStandIn(
    application: string,
    charm: CharmSpec | CharmMetadata,
    numUnits: number,
  ): readonly string[] {
    const metadata = 'name' in charm ? charm : loadCharmSpec(charm);
    return this.simulator.deploy({ application, charm: metadata, numUnits }).units;
  }

  /**
   * Writes a bag as committed by its owner (a unit, or an application), with no permission
   * checks; "" deletes a key. The units that can see it get relation-changed as Juju runs it.
   */
  writeBag(relationId: number, owner: string, data: Readonly<Record<string, string>>): void {
    writeBag(this.simulator, relationId, owner, data);
  }

  /** Makes `unit` its application's leader (leadership moves at once, as an expired lease). */
  setLeader(unit: string): void {
    this.simulator.run((state) => setLeader(state, { application: applicationOfUnit(unit), unit }));
  }

  /**
   * Runs an action of the unit's charm, committing its writes; settle() then runs the hooks
   * they cause.
   *
   * @throws ActionParamsError, ActionFailed, or what the charm threw.
   */
  runAction(
    unit: string,
    name: string,
    params: Readonly<Record<string, unknown>> = {},
  ): Promise<ActionOutput> {
    const charm = this.charms.get(applicationOfUnit(unit));
    if (charm === undefined)
      throw new Error(
        `unit "${unit}" runs no TypeScript charm: deploy its application with deploy()`,
      );
    return runAction({ simulator: this.simulator, ...charm, unit, name, params });
  }

  /** Adds units to an application; returns their names. */
  addUnit(application: string, numUnits = 1): readonly string[] {
    return this.simulator.addUnit({ application, numUnits });
  }

  /** Relates two applications (`app` or `app:endpoint`); returns the relation's id. */
  integrate(first: string, second: string): number {
    return this.simulator.integrate(first, second).relationId;
  }

  /** Removes the relation between two applications, or the one with this id. */
  removeRelation(first: string | number, second?: string): void {
    this.simulator.removeRelation(
      typeof first === 'number' ? { relationId: first } : { endpoints: [first, second ?? ''] },
    );
  }

  removeUnit(...units: string[]): void {
    this.simulator.removeUnit(...units);
  }

  removeApplication(application: string): void {
    this.simulator.removeApplication(application);
  }

  /** Changes an application's settings (`loom config app key=value`); null resets one. */
  configure(application: string, settings: Readonly<Record<string, ConfigValue | null>>): void {
    this.simulator.configure(application, settings);
  }

  /** `loom resolve`: retry the unit's failed hook, or skip it. */
  resolve(unit: string, resolution: 'retry' | 'skip' = 'retry'): void {
    this.simulator.resolve(unit, resolution);
  }

  /**
   * Runs hooks until no unit has anything to do.
   *
   * @throws HookFailedError naming each failed hook's unit and the stack of what the charm threw,
   *   unless `expectFailures` (then read them with failedHooks()).
   */
  async settle(options: { readonly expectFailures?: boolean } = {}): Promise<SettleReport> {
    const before = this.failures.length;
    const report = await this.simulator.settleAsync();
    const failed = this.failures.slice(before);
    if (failed.length > 0 && options.expectFailures !== true) throw new HookFailedError(failed);
    return report;
  }

  /** Every hook that failed so far, with what the charm threw. */
  failedHooks(): readonly HookFailure[] {
    return this.failures;
  }

  /** The unit's hooks so far in the spec's notation: `db-relation-joined (app/0)`. */
  hooks(unit: string): string[] {
    return this.simulator.hooks(unit).map((record) => describeHook(record.hook));
  }

  /** What the unit logged (juju-log, and @loom/ops's own lines). */
  logs(unit: string): readonly LogLine[] {
    return this.simulator.logs(unit);
  }

  /** The id of the relation between two applications (`app` or `app:endpoint`), or of a peer relation. */
  relationId(first: string, second?: string): number {
    const matches = (spec: string, endpoint: { application: string; name: string }) => {
      const [application, name] = spec.split(':');
      return endpoint.application === application && (name === undefined || endpoint.name === name);
    };
    for (const relation of this.simulator.state.relations.values()) {
      const [a, b] = relation.endpoints;
      if (a === undefined) continue;
      if (second === undefined && b === undefined && matches(first, a)) return relation.id;
      if (
        second !== undefined &&
        b !== undefined &&
        ((matches(first, a) && matches(second, b)) || (matches(first, b) && matches(second, a)))
      )
        return relation.id;
    }
    throw new Error(
      `no relation ${second === undefined ? `on ${first}` : `between ${first} and ${second}`}; integrate them first`,
    );
  }

  /** A bag in a relation, as committed: a unit's (`db/0`) or an application's (`db`). */
  bag(relationId: number, owner: string): Readonly<Record<string, string>> {
    return readBag(this.simulator.state, relationId, owner);
  }

  /** A unit's bag in a relation, as committed. */
  unitBag(relationId: number, unit: string): Readonly<Record<string, string>> {
    return this.bag(relationId, unit);
  }

  /** An application's bag in a relation, as committed. */
  appBag(relationId: number, application: string): Readonly<Record<string, string>> {
    return this.bag(relationId, application);
  }

  /** The unit's workload status. */
  status(unit: string): Status {
    const entity = this.simulator.state.units.get(unit);
    if (entity === undefined) throw new Error(`no unit "${unit}" in the model`);
    return entity.workloadStatus;
  }

  /** The application's status, as its leader set it. */
  appStatus(application: string): Status {
    const entity = this.simulator.state.applications.get(application);
    if (entity === undefined) throw new Error(`no application "${application}" in the model`);
    return entity.status;
  }

  /**
   * The charm object the unit's last hook built, to inspect. Each hook builds a fresh one, as a
   * real hook process does: nothing done through it after its hook is committed.
   */
  charmOf(unit: string): CharmBase | undefined {
    return this.charmObjects.get(unit);
  }

  /** The application's leader, if it has one. */
  leader(application: string): string | undefined {
    return this.simulator.state.leaders.get(application);
  }

  /**
   * A unit's stored state as committed, by the handle path of its StoredState
   * (`DatabaseCharm/StoredStateData[stored]`); undefined when it has none.
   */
  storedState(unit: string, path: string): unknown {
    const text = this.simulator.state.charmState.get(unit)?.get(`${SNAPSHOT_PREFIX}${path}`);
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  }
}
