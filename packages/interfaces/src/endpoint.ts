/**
 * charms.reactive's `Endpoint` on @loom/ops (spec/reactive-endpoint.md §3, §4): one instance per
 * endpoint of the charm each hook, its relations and their units read once at startup, the
 * automatic flags managed with the original's exact rules, JSON data views, and what the hook
 * published sent at its end (the whole bag, as charms.reactive re-sends it).
 */
import type { JsonValue, Model, Relation as OpsRelation } from '@loom/ops';

import { DataView } from './data-view.js';
import type { Conditions, Handler } from './dispatch.js';
import type { FlagStore } from './flags.js';

/** What startup needs to know of the running hook. */
export interface HookInfo {
  /** `JUJU_HOOK_NAME`-style: `db-relation-joined`, `config-changed`. */
  readonly name: string;
  /** `<endpoint>:<id>` of the hook's relation, if it is a relation hook. */
  readonly relationId?: string;
  readonly remoteUnit?: string;
}

/** A departed unit as kept in the endpoint's persistent list: its last raw data. */
export interface DepartedUnit extends Record<string, JsonValue> {
  readonly relation: string;
  readonly unitName: string;
  readonly data: Readonly<Record<string, string>>;
}

/** What an endpoint keeps between hooks besides flags: its departed units. */
export type DepartedLists = Record<string, DepartedUnit[]>;

/** A remote unit of a relation, with its unit bag as read this hook. */
export class RelatedUnit {
  readonly applicationName: string;
  /** The unit's bag, decoded leniently (read-only). */
  readonly received: DataView;

  constructor(
    readonly relation: EndpointRelation,
    readonly unitName: string,
    raw: Readonly<Record<string, string>>,
  ) {
    this.applicationName = unitName.split('/')[0] ?? unitName;
    this.received = new DataView(raw, false);
  }

  /** The raw strings of the unit's bag. */
  get receivedRaw(): Readonly<Record<string, string>> {
    return this.received.raw;
  }
}

/** One relation of an endpoint (`relationId` is `<endpoint>:<id>`). */
export class EndpointRelation {
  readonly joinedUnits: readonly RelatedUnit[];
  /** This unit's bag: starts as it is now (Juju's keys included); sent at the end if changed. */
  readonly toPublish: DataView;
  /** The application bag this unit's application publishes; only the leader may change it. */
  readonly toPublishApp: DataView;
  /** The remote application's bag (read-only). */
  readonly receivedApp: DataView;

  constructor(
    readonly relationId: string,
    private readonly local: string,
    bags: {
      readonly units: readonly (readonly [string, Readonly<Record<string, string>>])[];
      readonly localUnit: Readonly<Record<string, string>>;
      readonly localApp: Readonly<Record<string, string>>;
      readonly remoteApp: Readonly<Record<string, string>>;
    },
    readonly ops: OpsRelation,
  ) {
    this.joinedUnits = [...bags.units]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, raw]) => new RelatedUnit(this, name, raw));
    this.toPublish = new DataView(bags.localUnit, true);
    this.toPublishApp = new DataView(bags.localApp, true);
    this.receivedApp = new DataView(bags.remoteApp, false);
  }

  get endpointName(): string {
    return this.relationId.split(':')[0] ?? '';
  }

  /**
   * The remote application: that of the first joined unit; with none, the local application's
   * name, as charms.reactive answers (the lone-peer corner case).
   */
  get applicationName(): string {
    return this.joinedUnits[0]?.applicationName ?? this.local;
  }

  get toPublishRaw(): Readonly<Record<string, string>> {
    return this.toPublish.raw;
  }

  get toPublishAppRaw(): Readonly<Record<string, string>> {
    return this.toPublishApp.raw;
  }

  get receivedAppRaw(): Readonly<Record<string, string>> {
    return this.receivedApp.raw;
  }

  /** Sends what was modified: the whole unit bag, and the whole app bag (§4.3 `_flush_data`). */
  async flush(appName: string, unitName: string): Promise<void> {
    if (this.toPublish.modified) await this.ops.data.unit(unitName).update(this.toPublish.raw);
    if (this.toPublishApp.modified) await this.ops.data.app(appName).update(this.toPublishApp.raw);
  }
}

/** An endpoint of the charm, rebuilt every hook; subclass it for an interface's API. */
export class Endpoint {
  /** The handlers this endpoint registered, their flags expanded for it. */
  readonly handlers: Handler[] = [];
  private relationList: EndpointRelation[] = [];

  constructor(
    readonly endpointName: string,
    protected readonly flags: FlagStore,
    private readonly departedLists: DepartedLists,
  ) {}

  /** The relations established on this endpoint, ordered by relation id as a string (§2.2). */
  get relations(): readonly EndpointRelation[] {
    return this.relationList;
  }

  /** Every joined remote unit of every relation, by (relation id, unit name). */
  get allJoinedUnits(): readonly RelatedUnit[] {
    return this.relationList
      .flatMap((relation) => relation.joinedUnits)
      .sort((a, b) =>
        a.relation.relationId === b.relation.relationId
          ? compare(a.unitName, b.unitName)
          : compare(a.relation.relationId, b.relation.relationId),
      );
  }

  /**
   * Every joined unit's bag merged into one read-only view, the lowest (relation id, unit name)
   * winning for a key several units set (§4.5 `CombinedUnitsView.received`).
   */
  get allJoinedReceived(): DataView {
    const merged: Record<string, string> = {};
    for (const unit of [...this.allJoinedUnits].reverse()) Object.assign(merged, unit.receivedRaw);
    return new DataView(merged, false);
  }

  /** Whether any remote unit is joined on any relation. */
  get isJoined(): boolean {
    return this.allJoinedUnits.length > 0;
  }

  /**
   * The units that departed, kept until code removes them (a persistent list, rolled back with a
   * failed hook). Mutate it with `forgetDeparted`.
   */
  get allDepartedUnits(): readonly DepartedUnit[] {
    return this.departedLists[this.endpointName] ?? [];
  }

  /** Removes departed units from the list (all, or those `keep` returns false for). */
  forgetDeparted(keep: (unit: DepartedUnit) => boolean = () => false): void {
    const kept = this.allDepartedUnits.filter(keep);
    if (kept.length === 0)
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- endpoint names are keys of a JSON map
      delete this.departedLists[this.endpointName];
    else this.departedLists[this.endpointName] = kept;
  }

  /**
   * `expand_name` (§4.1): without `{endpoint_name}`, the flag is prefixed with
   * `endpoint.<name>.`; then every `{endpoint_name}` is replaced (plain replacement, other
   * braces untouched).
   */
  expandName(flag: string): string {
    const full = flag.includes('{endpoint_name}') ? flag : `endpoint.${this.endpointName}.${flag}`;
    return full.replaceAll('{endpoint_name}', this.endpointName);
  }

  /**
   * Registers a handler of this endpoint (`@when('endpoint.{endpoint_name}.joined')` on an
   * Endpoint method): its flags go through expandName, so `joined` and
   * `endpoint.{endpoint_name}.joined` both name this endpoint's flag.
   */
  protected register(
    conditions: Conditions,
    run: () => void | Promise<void>,
    name = run.name,
  ): void {
    const expanded: Record<string, string[]> = {};
    for (const [kind, flags] of Object.entries(conditions) as [string, readonly string[]][])
      expanded[kind] = flags.map((flag) => this.expandName(flag));
    this.handlers.push({ id: `${name}: ${this.endpointName}`, conditions: expanded, run });
  }

  /** Override point: register triggers; called every hook before the automatic flags. */
  registerTriggers(): void {
    // Nothing by default.
  }

  /** Override point: called after automatic change detection (not on its early-return path). */
  manageFlags(): void {
    // Nothing by default.
  }

  /**
   * Startup (§2.2): reads the relations, then registerTriggers(), departed handling (§3.1) and
   * the automatic flags (§3.2).
   */
  async startup(model: Model, hook: HookInfo): Promise<void> {
    this.relationList = await readRelations(model, this.endpointName);
    this.registerTriggers();
    const relHook = hook.name.startsWith(`${this.endpointName}-relation-`);
    const departedHook = relHook && hook.name.endsWith('-departed');
    if (departedHook) await this.manageDeparted(hook);
    this.manageAutomaticFlags(relHook, departedHook);
  }

  /** Sends each relation's modified bags. */
  async flush(model: Model): Promise<void> {
    for (const relation of this.relationList) await relation.flush(model.app.name, model.unit.name);
  }

  /**
   * §3.1: the departing unit joins the departed list with its raw data as it reads now, and a
   * relation left without joined units is treated as gone for the rest of the hook.
   */
  private async manageDeparted(hook: HookInfo): Promise<void> {
    const relation = this.relationList.find(
      (candidate) => candidate.relationId === hook.relationId,
    );
    if (relation === undefined || hook.remoteUnit === undefined) return;
    const data = await relation.ops.data
      .unit(hook.remoteUnit)
      .toObject()
      .catch(() => ({}));
    this.departedLists[this.endpointName] = [
      ...this.allDepartedUnits,
      { relation: relation.relationId, unitName: hook.remoteUnit, data },
    ];
    if (relation.joinedUnits.length === 0)
      this.relationList = this.relationList.filter((candidate) => candidate !== relation);
  }

  /** §3.2, with its early return: no change detection in other hooks once joined. */
  private manageAutomaticFlags(relHook: boolean, departedHook: boolean): void {
    const joined = this.expandName('joined');
    const alreadyJoined = this.flags.isSet(joined);
    this.flags.toggle(joined, this.isJoined);
    if (departedHook) this.flags.set(this.expandName('departed'));
    else if (this.isJoined) this.flags.clear(this.expandName('departed'));
    if (alreadyJoined && !relHook) return;
    for (const unit of this.allJoinedUnits) {
      for (const [key, value] of unit.received.entries()) {
        const id = `endpoint.${this.endpointName}.${unit.relation.relationId}.${unit.unitName}.${key}`;
        if (this.flags.dataChanged(id, value)) {
          this.flags.set(this.expandName('changed'));
          this.flags.set(this.expandName(`changed.${key}`));
        }
      }
    }
    this.manageFlags();
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The endpoint's relations with their bags, read once (relation ids sorted as strings). */
async function readRelations(model: Model, endpoint: string): Promise<EndpointRelation[]> {
  const relations: EndpointRelation[] = [];
  const leader = await model.unit.isLeader();
  for (const relation of await model.relations(endpoint)) {
    const units: [string, Readonly<Record<string, string>>][] = [];
    for (const unit of relation.units)
      units.push([unit.name, await relation.data.unit(unit.name).toObject()]);
    const localApp =
      leader || relation.app.name === model.app.name
        ? await relation.data.app(model.app.name).toObject()
        : {};
    relations.push(
      new EndpointRelation(
        `${endpoint}:${relation.id}`,
        model.app.name,
        {
          units,
          localUnit: await relation.data.unit(model.unit.name).toObject(),
          localApp,
          remoteApp:
            relation.app.name === model.app.name
              ? localApp
              : await relation.data.app(relation.app.name).toObject(),
        },
        relation,
      ),
    );
  }
  return relations.sort((a, b) => compare(a.relationId, b.relationId));
}
