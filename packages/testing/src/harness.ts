/**
 * A Harness in the style of Canonical ops's, whose events are the engine's: the charm's unit
 * `<app>/0` lives in core's simulator, the remote side of each relation is a stand-in application
 * that runs no code, and every call that changes the model settles it, so the unit gets exactly
 * the hooks Juju would run, in Juju's order — joined then changed when a unit is added (R5.8),
 * the peer relation from the start (R2.5), the remote side seeing the charm's writes only once
 * its hook succeeded (R4.10). Methods that change the model are async: they run those hooks.
 *
 * @example
 * const harness = Harness.create(DemoCharm, { metadata, config, leader: true });
 * await harness.beginWithInitialHooks();
 * const id = await harness.addRelation('db', 'postgresql', { unitData: { host: '10.0.0.4' } });
 * assert.equal(harness.getRelationData(id, 'demo/0').url, 'postgres://10.0.0.4');
 */
import type { CharmMetadata, ConfigValue, LogLine, Status } from '@loom/core';
import type { CharmBase, CharmType, Model } from '@loom/ops';

import { loadCharmSpec } from './charm-spec.js';
import type { CharmSpec } from './charm-spec.js';
import type { ActionOutput } from './run-action.js';
import { standInCharm } from './stand-in-charm.js';
import { TestModel } from './test-model.js';

/** How the Harness's charm is described and set up. */
export interface HarnessOptions {
  /** The charm's metadata files as text, or its directory. */
  readonly charm: CharmSpec;
  /** Whether the unit under test leads its application; default false, as in ops's Harness. */
  readonly leader?: boolean;
}

/** A Harness call that does not fit the model, with what to do instead. */
export class HarnessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class Harness {
  /** The application and the unit under test (`<charm name>/0`). */
  readonly app: string;
  readonly unit: string;
  /** The model underneath: every unit's hooks, bags and statuses. */
  readonly model = new TestModel();
  private readonly metadata: CharmMetadata;
  private phase: 'created' | 'begun' = 'created';
  private hooksEnabled = true;
  /** Relation id → its remote stand-in application. */
  private readonly remotes = new Map<number, string>();
  /** Writes asked for before begin, made once the units are in scope. */
  private pendingWrites: [number, string, Readonly<Record<string, string>>][] = [];
  /** The unit that leads instead of the unit under test, once there is one. */
  private standIn: string | undefined;
  /** Addresses network-get gives for particular bindings (addNetwork). */
  private readonly networks: Record<string, string> = {};

  private constructor(
    private readonly charmType: CharmType,
    options: HarnessOptions,
  ) {
    this.metadata = loadCharmSpec(options.charm);
    this.app = this.metadata.name;
    [this.unit = `${this.app}/0`] = this.model.deploy(this.app, charmType, {
      charm: options.charm,
      runsOn: (unit) => unit === this.unit && this.hooksEnabled,
      networksOf: (unit) => (unit === this.unit ? this.networks : undefined),
    });
    if (options.leader !== true) this.standIn = this.addStandInLeader();
  }

  /** A Harness for `charmType`; nothing runs until begin() or beginWithInitialHooks(). */
  static create(charmType: CharmType, options: HarnessOptions): Harness {
    return new Harness(charmType, options);
  }

  /**
   * Starts the unit without running the charm's code for its initial hooks (ops's begin()):
   * later calls run hooks as usual.
   */
  async begin(): Promise<void> {
    this.hooksEnabled = false;
    try {
      await this.start();
    } finally {
      this.hooksEnabled = true;
    }
  }

  /**
   * Starts the unit with its initial hooks, in the engine's order (R5.4): install, the peer and
   * pre-existing relations' -relation-created, leader-elected (or leader-settings-changed when it
   * does not lead), config-changed, start, then joined and changed for each remote unit.
   */
  async beginWithInitialHooks(): Promise<void> {
    await this.start();
  }

  /**
   * The charm object of the unit's last hook, to inspect (its stored state, its attributes).
   * Each hook builds a fresh one, as a real hook process does, so calls made through it after
   * its hook are not committed; drive the unit with the Harness's methods instead.
   *
   * @throws HarnessError before any hook ran the charm's code.
   */
  get charm(): CharmBase {
    const charm = this.model.charmOf(this.unit);
    if (charm === undefined)
      throw new HarnessError('no hook has run the charm yet: call beginWithInitialHooks() first');
    return charm;
  }

  /** The @loom/ops model of the unit's last hook (see `charm`). */
  get opsModel(): Model {
    return this.charm.model;
  }

  /** Whether the unit under test leads its application. */
  isLeader(): boolean {
    return this.model.leader(this.app) === this.unit;
  }

  /**
   * Moves leadership to the unit under test, or away from it to a stand-in unit of the same
   * application (`<app>/1`, which runs no code). The unit gets leader-elected or
   * leader-settings-changed as Juju runs them.
   */
  async setLeader(isLeader = true): Promise<void> {
    if (isLeader) {
      this.model.setLeader(this.unit);
    } else {
      this.standIn ??= this.addStandInLeader();
      this.model.setLeader(this.standIn);
    }
    await this.settleIfBegun();
  }

  /** Changes settings (`unset` keys go back to their defaults); config-changed runs. */
  async updateConfig(
    values: Readonly<Record<string, ConfigValue>> = {},
    unset: readonly string[] = [],
  ): Promise<void> {
    const settings: Record<string, ConfigValue | null> = { ...values };
    for (const key of unset) settings[key] = null;
    this.model.configure(this.app, settings);
    await this.settleIfBegun();
  }

  /**
   * Relates the charm's `endpoint` to a stand-in application `remoteApp` (one endpoint of the
   * same name and interface, the opposite role). With data, the stand-in gets a unit
   * `<remoteApp>/0` and writes it; `units` adds more units.
   *
   * @returns the relation's id.
   * @throws HarnessError for an unknown, peer or container-scoped endpoint, or a remote name
   *   already used.
   */
  async addRelation(
    endpoint: string,
    remoteApp: string,
    data: {
      readonly appData?: Readonly<Record<string, string>>;
      readonly unitData?: Readonly<Record<string, string>>;
      readonly units?: number;
    } = {},
  ): Promise<number> {
    const own = this.metadata.endpoints.find((candidate) => candidate.name === endpoint);
    if (own === undefined)
      throw new HarnessError(
        `the charm declares no endpoint "${endpoint}"; it declares: ${this.metadata.endpoints.map((candidate) => candidate.name).join(', ') || 'none'}`,
      );
    if (own.role === 'peer')
      throw new HarnessError(
        `"${endpoint}" is a peer endpoint: its relation exists from deploy (read its id with relationId("${endpoint}")); add peers with addPeerUnit()`,
      );
    if (own.scope === 'container')
      throw new HarnessError(
        `"${endpoint}" is container-scoped: relate the two charms with TestModel instead, which deploys both`,
      );
    if ([...this.remotes.values()].includes(remoteApp) || remoteApp === this.app)
      throw new HarnessError(
        `"${remoteApp}" is already in the model; give another application name`,
      );
    const withData = data.appData !== undefined || data.unitData !== undefined;
    const units = data.units ?? (withData ? 1 : 0);
    const standIn = standInCharm(remoteApp, own);
    this.model.deployStandIn(remoteApp, standIn.metadata, units);
    const id = this.model.integrate(`${this.app}:${endpoint}`, `${remoteApp}:${standIn.endpoint}`);
    this.remotes.set(id, remoteApp);
    if (data.appData !== undefined) this.pendingWrites.push([id, remoteApp, data.appData]);
    if (data.unitData !== undefined) this.pendingWrites.push([id, `${remoteApp}/0`, data.unitData]);
    await this.settleIfBegun();
    return id;
  }

  /**
   * What network-get answers for `endpoint` (every binding when none is given): `address` as the
   * bind, ingress and egress address, instead of the machine's.
   */
  addNetwork(address: string, options: { readonly endpoint?: string } = {}): void {
    const bindings =
      options.endpoint === undefined
        ? this.metadata.endpoints.map((endpoint) => endpoint.name)
        : [options.endpoint];
    for (const binding of bindings) this.networks[binding] = address;
  }

  /** The id of the peer relation on `endpoint`. */
  relationId(endpoint: string): number {
    return this.model.relationId(`${this.app}:${endpoint}`);
  }

  /**
   * Adds a unit to the relation's remote application; the unit under test gets joined, then
   * changed (R5.8) — not only joined, as ops's Harness gives.
   *
   * @throws HarnessError when `unit` is not the next unit the application would get.
   */
  async addRelationUnit(relationId: number, unit: string): Promise<void> {
    const application = this.remoteOf(relationId);
    const [added = ''] = this.model.addUnit(application);
    if (added !== unit) {
      this.model.removeUnit(added);
      throw new HarnessError(
        `the next unit of "${application}" is "${added}", not "${unit}": units are numbered in order`,
      );
    }
    await this.settleIfBegun();
  }

  /** Adds a unit of the charm's own application (a peer running no code). */
  async addPeerUnit(): Promise<string> {
    const [unit = ''] = this.model.addUnit(this.app);
    await this.settleIfBegun();
    return unit;
  }

  /** Removes a remote unit: the unit under test gets departed for it (R3.10). */
  async removeRelationUnit(relationId: number, unit: string): Promise<void> {
    this.remoteOf(relationId);
    this.model.removeUnit(unit);
    await this.settleIfBegun();
  }

  /** Removes the relation: departed for each remote unit, then broken (R3.11). */
  async removeRelation(relationId: number): Promise<void> {
    this.remoteOf(relationId);
    this.model.removeRelation(relationId);
    await this.settleIfBegun();
  }

  /**
   * Writes a bag (a unit's or an application's), unchecked as in ops's Harness; "" deletes a key.
   * The units that see the bag get relation-changed when something changed (R4.6).
   */
  async updateRelationData(
    relationId: number,
    owner: string,
    data: Readonly<Record<string, string>>,
  ): Promise<void> {
    if (this.phase === 'created') {
      this.pendingWrites.push([relationId, owner, data]);
      return;
    }
    this.model.writeBag(relationId, owner, data);
    await this.model.settle();
  }

  /** A bag as committed (a unit's or an application's), unchecked. */
  getRelationData(relationId: number, owner: string): Readonly<Record<string, string>> {
    return this.model.bag(relationId, owner);
  }

  /**
   * Runs an action on the unit under test, then the hooks its writes cause.
   *
   * @throws ActionParamsError, ActionFailed (with its output), or what the charm threw.
   */
  async runAction(
    name: string,
    params: Readonly<Record<string, unknown>> = {},
  ): Promise<ActionOutput> {
    if (this.phase === 'created') throw new HarnessError('call begin() before running actions');
    const output = await this.model.runAction(this.unit, name, params);
    await this.model.settle();
    return output;
  }

  /** The unit's hooks so far, in the spec's notation. */
  hooks(): string[] {
    return this.model.hooks(this.unit);
  }

  logs(): readonly LogLine[] {
    return this.model.logs(this.unit);
  }

  status(): Status {
    return this.model.status(this.unit);
  }

  appStatus(): Status {
    return this.model.appStatus(this.app);
  }

  /** The unit's stored state by handle path (`DemoCharm/StoredStateData[stored]`). */
  storedState(path: string): unknown {
    return this.model.storedState(this.unit, path);
  }

  private async start(): Promise<void> {
    if (this.phase === 'begun') throw new HarnessError('the Harness has begun already');
    this.phase = 'begun';
    await this.settleIfBegun();
  }

  /**
   * Runs the hooks the last change causes. Writes asked for before the units were in scope are
   * made once a first settle has put them there, then settled in turn.
   */
  private async settleIfBegun(): Promise<void> {
    if (this.phase === 'created') return;
    const writes = this.pendingWrites;
    this.pendingWrites = [];
    if (writes.length > 0) {
      await this.model.settle();
      for (const [relationId, owner, data] of writes) this.model.writeBag(relationId, owner, data);
    }
    await this.model.settle();
  }

  /** A second unit of the application, made leader, so the unit under test is not. */
  private addStandInLeader(): string {
    const [unit = ''] = this.model.addUnit(this.app);
    this.model.setLeader(unit);
    return unit;
  }

  private remoteOf(relationId: number): string {
    const remote = this.remotes.get(relationId);
    if (remote === undefined)
      throw new HarnessError(
        `relation ${relationId} was not added with addRelation(); its ids: ${[...this.remotes.keys()].join(', ') || 'none'}`,
      );
    if (!this.model.simulator.state.relations.has(relationId))
      throw new HarnessError(
        `relation ${relationId} has been removed; add a new one with addRelation()`,
      );
    return remote;
  }
}
