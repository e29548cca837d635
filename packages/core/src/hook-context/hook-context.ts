/**
 * A hook's context: what the hook tools see and do during one hook run (R4.9–R4.12, spec §7), as
 * methods. Reads follow Juju's caching rules; relation and charm-state writes are buffered and
 * handed to `commitHook` only if the hook succeeds; leader settings, statuses and logs take effect
 * at once through `ImmediateEffects`. The simulator calls it in-process; the agent's hook-tool
 * server calls it for each tool a charm process runs.
 */
import type { ConfigValue } from '../charm/metadata.js';
import { applicationOfUnit, canReadBag, PERMISSION_DENIED } from '../databags/bag-permissions.js';
import type { BagOwner, OpenedPort, Status } from '../model/entities.js';
import { applyPortChanges, samePort } from '../model/ports.js';
import type { PortChanges } from '../model/ports.js';
import type { ModelState } from '../model/model-state.js';
import { applicationBag, unitBag } from '../model/queries.js';
import type { RelationSettingsWrite } from '../operations/commit-hook.js';
import { NOT_THE_LEADER } from '../operations/leader-settings.js';
import { NOT_LEADER_FOR_STATUS } from '../operations/unit-status.js';
import type { Hook } from '../uniter/hook.js';
import { compatibility } from '../uniter/uniter-options.js';
import type { CompatibilityOptions } from '../uniter/uniter-options.js';
import type { RelationState, UniterState } from '../uniter/uniter-state.js';
import { HookToolError, usageError } from './hook-tool-error.js';
import type { MemberBagCache } from './member-cache.js';

/** Workload statuses a charm may set (R7.17). */
export const WORKLOAD_STATUSES = ['maintenance', 'blocked', 'waiting', 'active'] as const;

/** Levels of `juju-log` (R7.8). */
export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

/**
 * Effects that are not deferred to the commit (R4.12). The simulator applies them at once; an
 * agent sends them to the controller, so each may return a promise that settles when applied.
 */
export interface ImmediateEffects {
  /** `leader-set` by the leader; throws (or rejects with) a HookToolError when refused. */
  writeLeaderSettings(settings: ReadonlyMap<string, string>): void | Promise<void>;
  /** `status-set` of the unit, or with `application` of its application. */
  setStatus(status: Status, application: boolean): void | Promise<void>;
  /** `application-version-set`: the unit's workload version (R7.22). */
  setWorkloadVersion(version: string): void | Promise<void>;
  /** `juju-log`. */
  log(level: LogLevel, message: string): void | Promise<void>;
}

/** What a context is built from. */
export interface HookContextInit {
  /** The model as committed now; read lazily, following R4.9. */
  readonly model: () => ModelState;
  readonly unit: string;
  /** The hook being run; absent for `loom exec` and actions. */
  readonly hook?: Hook;
  /** The unit's uniter state when the hook starts: its relations and their members. */
  readonly uniter: UniterState;
  readonly memberCache: MemberBagCache;
  readonly effects: ImmediateEffects;
  readonly options?: Partial<CompatibilityOptions>;
  /** The hook's `JUJU_*` environment, built only if asked for. */
  readonly environment?: () => Readonly<Record<string, string>>;
}

/** `relation-get` arguments (R7.6, R7.7). */
export interface RelationGetOptions {
  readonly relationId?: number;
  /** One key; all keys when absent (or `-`). */
  readonly key?: string;
  /** A unit or application name; by default the hook's remote unit, else its remote application. */
  readonly target?: string;
  readonly app?: boolean;
}

/** What a context holds for the length of one hook. */
interface ContextCaches {
  /** R4.9: `relation-list` is fixed at context creation; built on first use. */
  readonly memberLists: Map<number, readonly string[]>;
  /** Own bags as the hook edits them (R4.9: fetched on first access, then held). */
  readonly ownUnitBags: Map<number, Map<string, string>>;
  readonly ownApplicationBags: Map<number, Map<string, string>>;
  readonly unitEdits: Map<number, Map<string, string>>;
  readonly applicationEdits: Map<number, Map<string, string>>;
  /** Other bags read in this hook, read once (R4.9). */
  readonly readOnce: Map<string, ReadonlyMap<string, string>>;
}

/** One hook run's view of the model and its buffered writes. */
export class HookContext {
  readonly unit: string;
  readonly application: string;
  readonly hook: Hook | undefined;
  private readonly model: () => ModelState;
  private readonly effects: ImmediateEffects;
  private readonly memberCache: MemberBagCache;
  private readonly options: CompatibilityOptions;
  private readonly relations: UniterState['relations'];
  /** R7.14: once `is-leader` answered false, it answers false until the hook ends. */
  private leaderSeenFalse = false;
  /** Per-hook caches and buffered edits, created on first use (most hooks use none). */
  private cachesValue: ContextCaches | undefined;
  private config: ReadonlyMap<string, ConfigValue | null> | undefined;
  private leaderSettings: ReadonlyMap<string, string> | undefined;
  private charmState: Map<string, string> | undefined;
  private charmStateChanged = false;
  private statusWasSet = false;
  /** R7.24: the unit's opened ports when the hook started. */
  private readonly portsAtStart: readonly OpenedPort[];
  /** R7.23: open-port / close-port requests, applied at the hook's commit. */
  private portRequests: { open: OpenedPort[]; close: OpenedPort[] } | undefined;
  private readonly environmentOf: (() => Readonly<Record<string, string>>) | undefined;
  private environmentCache: Readonly<Record<string, string>> | undefined;

  constructor(init: HookContextInit) {
    this.unit = init.unit;
    this.application = applicationOfUnit(init.unit);
    this.hook = init.hook;
    this.model = init.model;
    this.effects = init.effects;
    this.memberCache = init.memberCache;
    this.options = compatibility(init.options);
    this.relations = init.uniter.relations;
    this.environmentOf = init.environment;
    this.portsAtStart = init.model().openedPorts.get(init.unit) ?? [];
    const hookRelation = init.hook?.relation?.id;
    const remoteUnit = init.hook?.remoteUnit ?? '';
    if (hookRelation !== undefined && remoteUnit !== '') {
      const kind = init.hook?.kind;
      // R4.9: a member's cached bag is dropped when a hook for that member starts.
      if (kind === 'relation-joined' || kind === 'relation-changed')
        this.memberCache.forget(hookRelation, remoteUnit);
    }
  }

  private get caches(): ContextCaches {
    this.cachesValue ??= {
      memberLists: new Map(),
      ownUnitBags: new Map(),
      ownApplicationBags: new Map(),
      unitEdits: new Map(),
      applicationEdits: new Map(),
      readOnce: new Map(),
    };
    return this.cachesValue;
  }

  /** The hook's `JUJU_*` environment (R6.4, R6.5); empty when the runner gave none. */
  get environment(): Readonly<Record<string, string>> {
    this.environmentCache ??= this.environmentOf?.() ?? {};
    return this.environmentCache;
  }

  /** R7.12: `<endpoint>:<id>` of every relation of the context at that endpoint, sorted as text. */
  relationIds(endpoint?: string): string[] {
    const name = endpoint ?? this.hook?.relation?.endpoint;
    if (name === undefined) throw usageError('no relation name specified');
    return [...this.relations.values()]
      .filter((relation) => relation.endpoint === name)
      .map((relation) => `${name}:${relation.id}`)
      .sort();
  }

  /** R7.13: the relation's members, sorted. */
  relationList(relationId?: number): string[] {
    return [...this.membersOf(this.relation(relationId))];
  }

  /** R7.13 `relation-list --app`: the remote application (the own one for a peer relation). */
  remoteApplication(relationId?: number): string {
    return this.relation(relationId).remoteApplication;
  }

  /** R7.6–R7.8: a whole bag, or one key's value (undefined when absent). */
  relationGet(options: RelationGetOptions & { key: string }): string | undefined;
  relationGet(options?: RelationGetOptions): ReadonlyMap<string, string>;
  relationGet(options: RelationGetOptions = {}): ReadonlyMap<string, string> | string | undefined {
    const relation = this.relation(options.relationId);
    const bag = this.readBag(relation, this.target(options));
    return options.key === undefined ? new Map(bag) : bag.get(options.key);
  }

  /**
   * R7.9, R7.10: edits the unit's own bag, or with `app` (leader only) its application's bag.
   * An empty value deletes the key. Nothing is written before the hook commits.
   */
  relationSet(
    settings: ReadonlyMap<string, string>,
    options: { relationId?: number; app?: boolean } = {},
  ): void {
    const relation = this.relation(options.relationId);
    for (const [key, value] of settings) {
      if (key === '') throw usageError(`expected "key=value", got "=${value}"`);
    }
    if (options.app === true && !this.isLeader()) {
      throw new HookToolError('not-leader', 'cannot write relation settings', 1);
    }
    const id = relation.id;
    const copy = options.app === true ? this.ownApplicationBag(id) : this.ownUnitBag(id);
    const edits = options.app === true ? this.caches.applicationEdits : this.caches.unitEdits;
    const pending = edits.get(id) ?? new Map<string, string>();
    for (const [key, value] of settings) {
      pending.set(key, value);
      if (value === '') copy.delete(key);
      else copy.set(key, value);
    }
    edits.set(id, pending);
  }

  /** R7.14: whether the unit leads; once false in a hook, false until it ends. */
  isLeader(): boolean {
    if (this.leaderSeenFalse) return false;
    const leader = this.model().leaders.get(this.application) === this.unit;
    if (!leader) this.leaderSeenFalse = true;
    return leader;
  }

  /** R7.15: the leader settings, read once per hook, or one value. */
  leaderGet(key: string): string | undefined;
  leaderGet(): ReadonlyMap<string, string>;
  leaderGet(key?: string): ReadonlyMap<string, string> | string | undefined {
    this.leaderSettings ??= new Map(
      this.model().leaderSettings.get(this.application)?.values ?? [],
    );
    return key === undefined ? new Map(this.leaderSettings) : this.leaderSettings.get(key);
  }

  /**
   * R7.16: leader settings, written at once by the leader only. Later `leader-get`s of the hook
   * read the written values (an empty value deletes the key).
   */
  leaderSet(settings: ReadonlyMap<string, string>): void | Promise<void> {
    if (!this.isLeader()) throw new HookToolError('not-leader', NOT_THE_LEADER, 1);
    const written = this.effects.writeLeaderSettings(settings);
    const merged = new Map(this.leaderGet());
    for (const [key, value] of settings) {
      if (value === '') merged.delete(key);
      else merged.set(key, value);
    }
    this.leaderSettings = merged;
    return written;
  }

  /** `config-get`: options with a value or default (with `all`, unset ones as null), or one value. */
  configGet(key: string): ConfigValue | null | undefined;
  configGet(key?: undefined, options?: { all?: boolean }): ReadonlyMap<string, ConfigValue | null>;
  configGet(
    key?: string,
    options: { all?: boolean } = {},
  ): ReadonlyMap<string, ConfigValue | null> | ConfigValue | null | undefined {
    if (key !== undefined && options.all === true) {
      throw usageError(`cannot use argument --all together with key "${key}"`);
    }
    this.config ??= this.readConfig();
    if (key !== undefined) return this.config.get(key) ?? undefined;
    return new Map([...this.config].filter(([, value]) => options.all === true || value !== null));
  }

  /** R7.17: sets the unit's (or, leader only, the application's) workload status at once. */
  statusSet(
    status: string,
    message = '',
    options: { application?: boolean } = {},
  ): void | Promise<void> {
    if (!(WORKLOAD_STATUSES as readonly string[]).includes(status)) {
      throw usageError(
        `invalid status "${status}", expected one of [${WORKLOAD_STATUSES.join(' ')}]`,
      );
    }
    if (options.application === true && !this.isLeader()) {
      throw new HookToolError('not-leader', NOT_LEADER_FOR_STATUS, 1);
    }
    if (options.application !== true) this.statusWasSet = true;
    return this.effects.setStatus({ current: status, message }, options.application === true);
  }

  /** R7.22: sets the unit's workload version at once; not undone if the hook fails (R4.12). */
  applicationVersionSet(version: string): void | Promise<void> {
    return this.effects.setWorkloadVersion(version);
  }

  /** R7.21: the unit's charm state (deferred writes included), or one value. */
  stateGet(key: string): string | undefined;
  stateGet(): ReadonlyMap<string, string>;
  stateGet(key?: string): ReadonlyMap<string, string> | string | undefined {
    const state = this.ownCharmState();
    return key === undefined ? new Map(state) : state.get(key);
  }

  /**
   * R7.21: sets charm state keys; unlike relation data, an empty value is stored. Keys over 256
   * bytes and values over 64 KiB are refused, and then nothing is set.
   */
  stateSet(settings: ReadonlyMap<string, string>): void {
    for (const [key, value] of settings) {
      if (byteLength(key) > MAX_STATE_KEY_BYTES)
        throw usageError(
          `key "${key.slice(0, 32)}..." is longer than ${MAX_STATE_KEY_BYTES} bytes`,
        );
      if (byteLength(value) > MAX_STATE_VALUE_BYTES)
        throw usageError(`value of "${key}" is longer than ${MAX_STATE_VALUE_BYTES} bytes`);
    }
    const state = this.ownCharmState();
    for (const [key, value] of settings) {
      if (state.get(key) === value) continue;
      state.set(key, value);
      this.charmStateChanged = true;
    }
  }

  /** R7.21: deletes a charm state key; a missing key is a no-op. */
  stateDelete(key: string): void {
    if (this.ownCharmState().delete(key)) this.charmStateChanged = true;
  }

  /** R7.8 `juju-log`: in a relation hook, prefixed with `<endpoint>:<id>: `. */
  log(message: string, level: LogLevel = 'INFO'): void | Promise<void> {
    const relation = this.hook?.relation;
    const prefix = relation === undefined ? '' : `${relation.endpoint}:${relation.id}: `;
    return this.effects.log(level, `${prefix}${message}`);
  }

  /** Whether the hook set the unit's workload status (for R7.17 after `start`). */
  get workloadStatusSet(): boolean {
    return this.statusWasSet;
  }

  /** Whether the hook buffered any relation, charm-state or port write. */
  get hasBufferedWrites(): boolean {
    return (
      this.charmStateChanged ||
      this.portChanges() !== undefined ||
      (this.cachesValue !== undefined &&
        (this.cachesValue.unitEdits.size > 0 || this.cachesValue.applicationEdits.size > 0))
    );
  }

  /** The buffered relation writes, to commit if the hook succeeds (R4.10, R4.11). */
  relationWrites(): RelationSettingsWrite[] {
    if (this.cachesValue === undefined) return [];
    const writes: RelationSettingsWrite[] = [];
    const ids = [
      ...new Set([...this.caches.unitEdits.keys(), ...this.caches.applicationEdits.keys()]),
    ].sort((a, b) => a - b);
    for (const relationId of ids) {
      const unitEdits = this.caches.unitEdits.get(relationId);
      if (unitEdits !== undefined)
        writes.push({ relationId, owner: { kind: 'unit', unit: this.unit }, settings: unitEdits });
      const appEdits = this.caches.applicationEdits.get(relationId);
      if (appEdits !== undefined) {
        writes.push({
          relationId,
          owner: { kind: 'application', application: this.application },
          settings: appEdits,
        });
      }
    }
    return writes;
  }

  /**
   * `open-port` (R7.23): requests to open `ports`, refused now when they clash with a port the
   * unit will have open or one another unit of its machine has.
   *
   * @throws HookToolError `commit-refused` naming the clash.
   */
  openPorts(ports: readonly OpenedPort[]): void {
    const state = this.model();
    const machine = state.units.get(this.unit)?.machine;
    const neighbours = [
      ...(machine === undefined ? [] : (state.index.unitsByMachine.get(machine) ?? [])),
    ]
      .filter((unit) => unit !== this.unit)
      .map((unit) => ({ unit, ports: state.openedPorts.get(unit) ?? [] }));
    const result = applyPortChanges(
      this.unit,
      this.pendingPorts(),
      { open: ports, close: [] },
      neighbours,
    );
    if ('conflict' in result) throw new HookToolError('commit-refused', result.conflict, 1);
    const requests = (this.portRequests ??= { open: [], close: [] });
    for (const port of ports) requestPort(port, requests.open, requests.close);
  }

  /** `close-port` (R7.23): requests to close `ports`. */
  closePorts(ports: readonly OpenedPort[]): void {
    const requests = (this.portRequests ??= { open: [], close: [] });
    for (const port of ports) requestPort(port, requests.close, requests.open);
  }

  /** `opened-ports` (R7.24): the ports the unit had open when the hook started. */
  openedPorts(): readonly OpenedPort[] {
    return this.portsAtStart;
  }

  /** The hook's port requests, to commit if it succeeds; undefined when it made none. */
  portChanges(): PortChanges | undefined {
    const requests = this.portRequests;
    if (requests === undefined || requests.open.length + requests.close.length === 0)
      return undefined;
    return { open: [...requests.open], close: [...requests.close] };
  }

  /** The ports the unit will have open if the hook succeeds. */
  private pendingPorts(): readonly OpenedPort[] {
    const { open, close } = this.portRequests ?? { open: [], close: [] };
    const kept = this.portsAtStart.filter(
      (port) => !close.some((closed) => samePort(port, closed)),
    );
    return [...kept, ...open.filter((port) => !kept.some((have) => samePort(have, port)))];
  }

  /** The unit's charm state after the hook, if the hook changed it. */
  changedCharmState(): ReadonlyMap<string, string> | undefined {
    return this.charmStateChanged ? new Map(this.charmState) : undefined;
  }

  /** R7.4: the relation named by id, or the hook's own relation. */
  private relation(relationId: number | undefined): RelationState {
    const id = relationId ?? this.hook?.relation?.id;
    if (id === undefined) throw usageError('no relation id specified');
    const relation = this.relations.get(id);
    if (relation === undefined)
      throw new HookToolError('relation-not-found', 'relation not found', 2);
    return relation;
  }

  /** R7.7: whose bag `relation-get` reads. */
  private target(options: RelationGetOptions): BagOwner {
    const hook = this.hook;
    let app = options.app === true;
    let name = options.target;
    if (name === undefined) {
      if (!app && hook?.remoteUnit !== undefined && hook.remoteUnit !== '') name = hook.remoteUnit;
      else if (hook?.relation !== undefined) {
        name = hook.relation.remoteApplication;
        app = true;
      } else throw usageError('no unit or application specified');
    }
    if (app) return { kind: 'application', application: applicationOfUnit(name) };
    if (name.includes('/')) return { kind: 'unit', unit: name };
    // R7.8 quirk: the leader naming its own application without --app reads its own unit bag.
    const quirk = this.options.relationGetOwnAppWithoutAppFlagQuirk;
    if (quirk && name === this.application && this.isLeader())
      return { kind: 'unit', unit: this.unit };
    return { kind: 'application', application: name };
  }

  /** R7.8: where a bag is read from, and who may read it (R4.8). */
  private readBag(relation: RelationState, owner: BagOwner): ReadonlyMap<string, string> {
    if (owner.kind === 'unit' && owner.unit === this.unit) return this.ownUnitBag(relation.id);
    if (owner.kind === 'application' && owner.application === this.application && this.isLeader()) {
      return this.ownApplicationBag(relation.id);
    }
    const model = this.model();
    const entity = model.relations.get(relation.id);
    if (entity === undefined)
      throw new HookToolError('relation-not-found', 'relation not found', 1);
    const decision = canReadBag({
      relation: entity,
      unit: this.unit,
      isLeader: this.isLeader(),
      bag: owner,
    });
    if (!decision.allowed) throw new HookToolError('permission-denied', PERMISSION_DENIED, 1);
    if (owner.kind === 'application') {
      return this.once(
        `${relation.id}/application/${owner.application}`,
        () => applicationBag(model, relation.id, owner.application).values,
      );
    }
    const member = this.isMember(relation, owner.unit);
    const cached =
      member && this.options.crossHookMemberCache
        ? this.memberCache.get(relation.id, owner.unit)
        : undefined;
    if (cached !== undefined) return cached;
    const values = this.once(`${relation.id}/unit/${owner.unit}`, () => {
      const bag = model.bags.get(relation.id)?.units.get(owner.unit);
      if (bag === undefined) {
        throw new HookToolError(
          'settings-not-found',
          `cannot read settings for unit "${owner.unit}" in relation "${entity.key}": unit "${owner.unit}": settings not found`,
          1,
        );
      }
      return bag.values;
    });
    if (member && this.options.crossHookMemberCache)
      this.memberCache.set(relation.id, owner.unit, values);
    return values;
  }

  /**
   * R4.9: the units for which `-joined` was committed, with the hook's remote unit added during
   * `-joined`/`-changed` and removed during `-departed`.
   */
  private isMember(relation: RelationState, unit: string): boolean {
    const hook = this.hook;
    if (hook?.relation?.id === relation.id && hook.remoteUnit === unit && unit !== '') {
      return hook.kind !== 'relation-departed';
    }
    return relation.members.has(unit);
  }

  private membersOf(relation: RelationState): readonly string[] {
    let members = this.caches.memberLists.get(relation.id);
    if (members === undefined) {
      const units = new Set(relation.members.keys());
      const remote = this.hook?.relation?.id === relation.id ? (this.hook.remoteUnit ?? '') : '';
      if (remote !== '') {
        if (this.isMember(relation, remote)) units.add(remote);
        else units.delete(remote);
      }
      members = [...units].sort();
      this.caches.memberLists.set(relation.id, members);
    }
    return members;
  }

  private once(key: string, read: () => ReadonlyMap<string, string>): ReadonlyMap<string, string> {
    let values = this.caches.readOnce.get(key);
    if (values === undefined) {
      values = new Map(read());
      this.caches.readOnce.set(key, values);
    }
    return values;
  }

  private ownUnitBag(relationId: number): Map<string, string> {
    return this.held(
      this.caches.ownUnitBags,
      relationId,
      () => unitBag(this.model(), relationId, this.unit).values,
    );
  }

  private ownApplicationBag(relationId: number): Map<string, string> {
    return this.held(
      this.caches.ownApplicationBags,
      relationId,
      () => applicationBag(this.model(), relationId, this.application).values,
    );
  }

  /** R4.9: an own bag is fetched on first access, then held (and edited) for the hook. */
  private held(
    copies: Map<number, Map<string, string>>,
    relationId: number,
    fetch: () => ReadonlyMap<string, string>,
  ): Map<string, string> {
    let bag = copies.get(relationId);
    if (bag === undefined) {
      bag = new Map(fetch());
      copies.set(relationId, bag);
    }
    return bag;
  }

  private ownCharmState(): Map<string, string> {
    this.charmState ??= new Map(this.model().charmState.get(this.unit) ?? []);
    return this.charmState;
  }

  private readConfig(): ReadonlyMap<string, ConfigValue | null> {
    const application = this.model().applications.get(this.application);
    const config = new Map<string, ConfigValue | null>();
    for (const option of application?.charm.config ?? []) {
      config.set(option.name, application?.config.get(option.name) ?? option.default ?? null);
    }
    return config;
  }
}

/** Limits of one charm-state key and value, in UTF-8 bytes (state-set). */
const MAX_STATE_KEY_BYTES = 256;
const MAX_STATE_VALUE_BYTES = 64 * 1024;

const utf8 = new TextEncoder();

function byteLength(text: string): number {
  return utf8.encode(text).length;
}

/** Adds a port request, cancelling the opposite request for the same port. */
function requestPort(port: OpenedPort, into: OpenedPort[], opposite: OpenedPort[]): void {
  const cancelled = opposite.findIndex((other) => samePort(other, port));
  if (cancelled >= 0) opposite.splice(cancelled, 1);
  if (!into.some((other) => samePort(other, port))) into.push(port);
}
