/**
 * State-transition tests: `new Context(Charm, { charm }).run(ctx.on.<event>(...), state)` runs
 * one event on the unit `<app>/0` and returns the state after it. The state is built as a real
 * model in core's simulator — stand-in applications for the remote sides, every unit in scope,
 * the bags, charm state, leadership and statuses written — so the charm's reads, writes and
 * permission checks are the engine's (R4.8, R4.9), and what it buffered is committed only if it
 * returns (R4.10).
 *
 * @example
 * const ctx = new Context(DemoCharm, { charm: { metadata, config } });
 * const db = relation('db', { remoteUnitsData: { 0: { host: '10.0.0.4' } } });
 * const after = await ctx.run(ctx.on.relationChanged(db, { remoteUnit: 0 }), state({ relations: [db] }));
 * assert.equal(after.relations[0]?.localUnitData.url, 'postgres://10.0.0.4');
 */
import {
  commitHook,
  OperationRefusedError,
  formatPortRange,
  hookRelation,
  hookVariables,
  relationHook,
  setApplicationStatus,
  setLeader,
  setUnitStatus,
  Simulator,
  unitHook,
} from '@loom/core';
import type { CharmMetadata, Hook, LogLine, ModelState } from '@loom/core';
import { QUEUE_KEY, SNAPSHOT_PREFIX } from '@loom/ops';
import type { CharmType } from '@loom/ops';

import { readBag, writeBag } from '../bags.js';
import { loadCharmSpec } from '../charm-spec.js';
import type { CharmSpec } from '../charm-spec.js';
import { runAction } from '../run-action.js';
import type { ActionOutput } from '../run-action.js';
import { runOutsideResolver } from '../run-outside-resolver.js';
import { standInCharm } from '../stand-in-charm.js';
import type { StandIn } from '../stand-in-charm.js';
import { checkConsistency, InconsistentStateError, unitNumbers } from './consistency.js';
import { EVENTS } from './events.js';
import type { StateEvent } from './events.js';
import type { AnyRelation, Bag, DeferredNotice, State } from './state.js';
import { state as makeState } from './state.js';

/** The charm's code threw while running the event: which event, on which unit, and the error. */
export class UncaughtCharmError extends Error {
  constructor(
    readonly event: string,
    readonly unit: string,
    cause: unknown,
  ) {
    super(
      `${unit}: ${event} failed: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`,
      { cause },
    );
    this.name = new.target.name;
  }
}

/** One model built from a state: the simulator, and each state relation's engine id. */
interface Built {
  readonly simulator: Simulator;
  readonly ids: Map<AnyRelation, number>;
}

export class Context {
  /** The event factories. */
  readonly on = EVENTS;
  readonly app: string;
  readonly unit: string;
  private readonly metadata: CharmMetadata;
  /** What the last run logged (juju-log and @loom/ops's own lines). */
  logs: readonly LogLine[] = [];
  /** What the last action run reported, when it was an action that succeeded. */
  actionOutput: ActionOutput | undefined;

  constructor(
    private readonly charmType: CharmType,
    options: { readonly charm: CharmSpec },
  ) {
    this.metadata = loadCharmSpec(options.charm);
    this.app = this.metadata.name;
    this.unit = `${this.app}/0`;
  }

  /**
   * Runs `event` on the unit in `state`, and returns the state after it.
   *
   * @throws InconsistentStateError before running anything, when the state or event cannot
   *   happen; UncaughtCharmError when the charm throws (nothing it buffered is kept); ActionFailed
   *   when an action calls fail().
   */
  async run(event: StateEvent, before: State): Promise<State> {
    checkConsistency(this.metadata, before, event);
    const built = await this.build(before);
    const { simulator } = built;
    const logs: LogLine[] = [];
    this.logs = logs;
    this.actionOutput = undefined;
    if (event.kind === 'action') {
      this.actionOutput = await runAction({
        simulator,
        charmType: this.charmType,
        metadata: this.metadata,
        unit: this.unit,
        name: event.name,
        params: event.params,
      });
      return this.after(before, built);
    }
    const hook = this.hookOf(event, built);
    const name = hook?.name ?? (event.kind === 'unit' ? event.hook : '');
    try {
      await runOutsideResolver({
        simulator,
        charmType: this.charmType,
        metadata: this.metadata,
        unit: this.unit,
        ...(hook === undefined ? {} : { hook }),
        environment:
          hook === undefined
            ? { JUJU_DISPATCH_PATH: `hooks/${name}`, JUJU_HOOK_NAME: name }
            : hookVariables(hook),
        logs,
        ...(Object.keys(before.networks).length === 0 ? {} : { networks: before.networks }),
      });
    } catch (error) {
      throw new UncaughtCharmError(name, this.unit, error);
    }
    return this.after(before, built);
  }

  /** The model the state describes, settled, with the state's data written over it. */
  private async build(given: State): Promise<Built> {
    const peerCount = Math.max(
      0,
      ...given.relations.map((relation) =>
        relation.kind === 'peer' ? Object.keys(relation.peersData).length : 0,
      ),
    );
    const simulator = new Simulator();
    try {
      simulator.deploy({
        application: this.app,
        charm: this.metadata,
        numUnits: this.metadata.subordinate ? 0 : 1 + peerCount,
        ...(Object.keys(given.config).length === 0 ? {} : { config: given.config }),
      });
    } catch (error) {
      if (error instanceof OperationRefusedError)
        throw new InconsistentStateError(`the state's config: ${error.message}`);
      throw error;
    }
    const ids = new Map<AnyRelation, number>();
    for (const relation of given.relations) {
      if (relation.kind === 'peer') {
        ids.set(relation, this.peerRelationId(simulator.state, relation.endpoint));
        continue;
      }
      const standIn = this.standIn(relation);
      simulator.deploy({
        application: relation.remoteAppName,
        charm: standIn.metadata,
        numUnits:
          relation.kind === 'regular'
            ? Object.keys(relation.remoteUnitsData).length
            : this.metadata.subordinate
              ? 1
              : 0,
      });
      ids.set(
        relation,
        simulator.integrate(
          `${this.app}:${relation.endpoint}`,
          `${relation.remoteAppName}:${standIn.endpoint}`,
        ).relationId,
      );
    }
    await simulator.settleAsync();
    for (const relation of given.relations)
      this.writeBags(simulator, relation, ids.get(relation) ?? -1);
    const charmState = new Map(Object.entries(given.charmState));
    for (const [path, content] of Object.entries(given.storedStates))
      charmState.set(`${SNAPSHOT_PREFIX}${path}`, JSON.stringify(content));
    if (charmState.size > 0)
      simulator.run((model) =>
        commitHook(model, { unit: this.unit, relationSettings: [], charmState }),
      );
    simulator.run((model) => setLeader(model, { application: this.app, unit: this.unit }));
    simulator.run((model) =>
      setUnitStatus(model, {
        unit: this.unit,
        workload: given.unitStatus,
        workloadVersion: given.workloadVersion,
      }),
    );
    simulator.run((model) =>
      setApplicationStatus(model, { unit: this.unit, status: given.appStatus }),
    );
    // Leadership last: a non-leader sees a vacant lease, as between leaders.
    if (!given.leader) simulator.run((model) => setLeader(model, { application: this.app }));
    return { simulator, ids };
  }

  private writeBags(simulator: Simulator, relation: AnyRelation, id: number): void {
    const write = (owner: string, bag: Bag) => {
      if (Object.keys(bag).length > 0) writeBag(simulator, id, owner, bag);
    };
    write(this.unit, relation.localUnitData);
    write(this.app, relation.localAppData);
    if (relation.kind === 'peer') {
      for (const [number, bag] of Object.entries(relation.peersData))
        write(`${this.app}/${number}`, bag);
    } else {
      const remoteUnits =
        relation.kind === 'regular' ? relation.remoteUnitsData : { 0: relation.remoteUnitData };
      for (const [number, bag] of Object.entries(remoteUnits))
        write(`${relation.remoteAppName}/${number}`, bag);
      write(relation.remoteAppName, relation.remoteAppData);
    }
  }

  /** The core hook for a unit or relation event; undefined for hooks core does not model. */
  private hookOf(event: Exclude<StateEvent, { kind: 'action' }>, built: Built): Hook | undefined {
    if (event.kind === 'unit') {
      if (event.hook === 'update-status' || event.hook === 'upgrade-charm') return undefined;
      return unitHook(event.hook);
    }
    const { relation } = event;
    const id = built.ids.get(relation) ?? -1;
    const remoteApp = relation.kind === 'peer' ? this.app : relation.remoteAppName;
    const numbers = unitNumbers(relation);
    const remoteNumber =
      event.remoteUnit ??
      (event.hook === 'relation-joined' || event.hook === 'relation-departed'
        ? numbers[0]
        : undefined);
    const remoteUnit = remoteNumber === undefined ? undefined : `${remoteApp}/${remoteNumber}`;
    const departingNumber = event.departingUnit ?? remoteNumber;
    const departingUnit =
      event.hook === 'relation-departed' && departingNumber !== undefined
        ? `${remoteApp}/${departingNumber}`
        : undefined;
    // The model is what it is during such a hook: the unit leaving, or the relation dying.
    if (departingUnit !== undefined) built.simulator.removeUnit(departingUnit);
    if (event.hook === 'relation-broken') built.simulator.removeRelation({ relationId: id });
    return relationHook(event.hook, hookRelation(id, relation.endpoint, remoteApp), {
      ...(remoteUnit === undefined ? {} : { remoteUnit }),
      ...(departingUnit === undefined ? {} : { departingUnit }),
    });
  }

  private standIn(relation: Exclude<AnyRelation, { kind: 'peer' }>): StandIn {
    const own = this.metadata.endpoints.find((endpoint) => endpoint.name === relation.endpoint);
    if (own === undefined) throw new InconsistentStateError(`no endpoint "${relation.endpoint}"`);
    try {
      return standInCharm(relation.remoteAppName, own, this.metadata.subordinate);
    } catch (error) {
      throw new InconsistentStateError(
        `relation "${relation.endpoint}": ${(error as Error).message}`,
      );
    }
  }

  private peerRelationId(model: ModelState, endpoint: string): number {
    for (const relation of model.relations.values()) {
      const [only, other] = relation.endpoints;
      if (other === undefined && only?.application === this.app && only.name === endpoint)
        return relation.id;
    }
    throw new InconsistentStateError(`"${endpoint}" is not a peer endpoint of ${this.app}`);
  }

  /** The state after the run, read back from the model. */
  private after(before: State, built: Built): State {
    const model = built.simulator.state;
    const unitBag = (id: number, unit: string): Bag => readBag(model, id, unit);
    const appBag = (id: number, application: string): Bag => readBag(model, id, application);
    const relations = before.relations
      .filter((relation) => model.relations.has(built.ids.get(relation) ?? -1))
      .map((relation): AnyRelation => {
        const id = built.ids.get(relation) ?? -1;
        const common = {
          id,
          localAppData: appBag(id, this.app),
          localUnitData: unitBag(id, this.unit),
        };
        if (relation.kind === 'peer')
          return {
            ...relation,
            ...common,
            peersData: Object.fromEntries(
              unitNumbers(relation).map((number) => [number, unitBag(id, `${this.app}/${number}`)]),
            ),
          };
        const remoteAppData = appBag(id, relation.remoteAppName);
        if (relation.kind === 'subordinate')
          return {
            ...relation,
            ...common,
            remoteAppData,
            remoteUnitData: unitBag(id, `${relation.remoteAppName}/0`),
          };
        return {
          ...relation,
          ...common,
          remoteAppData,
          remoteUnitsData: Object.fromEntries(
            unitNumbers(relation).map((number) => [
              number,
              unitBag(id, `${relation.remoteAppName}/${number}`),
            ]),
          ),
        };
      });
    const unit = model.units.get(this.unit);
    const charmState: Record<string, string> = Object.fromEntries(
      model.charmState.get(this.unit) ?? [],
    );
    return makeState({
      leader: model.leaders.get(this.app) === this.unit,
      config: before.config,
      relations,
      networks: before.networks,
      charmState,
      storedStates: storedStatesOf(charmState),
      deferred: deferredOf(charmState),
      unitStatus: unit?.workloadStatus ?? before.unitStatus,
      appStatus: model.applications.get(this.app)?.status ?? before.appStatus,
      workloadVersion: unit?.workloadVersion ?? '',
      openedPorts: (model.openedPorts.get(this.unit) ?? []).map((port) => formatPortRange(port)),
    });
  }
}

/** Stored states by handle path, from the charm state (`loom.snapshot.<path>`). */
function storedStatesOf(charmState: Readonly<Record<string, string>>): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(charmState)) {
    if (!key.startsWith(SNAPSHOT_PREFIX) || !key.includes('/StoredStateData[')) continue;
    stored[key.slice(SNAPSHOT_PREFIX.length)] = JSON.parse(text) as unknown;
  }
  return stored;
}

/** The deferred events queued, from @loom/ops's queue in the charm state. */
function deferredOf(charmState: Readonly<Record<string, string>>): DeferredNotice[] {
  const queue = charmState[QUEUE_KEY];
  if (queue === undefined) return [];
  const { notices } = JSON.parse(queue) as { notices?: DeferredNotice[] };
  return (notices ?? []).map(({ eventPath, observer }) => ({ eventPath, observer }));
}
