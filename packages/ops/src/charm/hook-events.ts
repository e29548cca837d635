/**
 * The events Juju's hooks become (ops's HookEvent and its kinds). Relation events carry their
 * relation, remote application and unit by name and fetch the Relation when handed to a handler,
 * so a deferred one sees the relation as it is in the later hook. Actions, stop, remove and the
 * collect-status events cannot be deferred, as in ops.
 */
import { EventBase } from '../framework/events.js';
import type { EventSnapshot } from '../framework/events.js';
import type { Framework } from '../framework/framework.js';
import type { Handle } from '../framework/handle.js';
import { SchemaError } from '../model/errors.js';
import type { Model } from '../model/model.js';
import type { Relation } from '../model/relation.js';
import { checkSettable } from '../model/status.js';
import type { StatusBase } from '../model/status.js';
import { describeProblems, parseWith } from '../model/schema.js';
import type { ObjectSchema, SchemaOutput } from '../model/schema.js';
import type { Application, Unit } from '../model/unit.js';

/** An event from a Juju hook. */
export class HookEvent extends EventBase {}

/** `install`: the first hook of a unit, to set its workload up. */
export class InstallEvent extends HookEvent {}

/** `start`: after install (and config-changed), and after every reboot of the machine. */
export class StartEvent extends HookEvent {}

/** `stop`: the unit is going away; not deferrable. */
export class StopEvent extends HookEvent {
  static override readonly deferrable = false;
}

/** `remove`: the last hook of a unit; not deferrable. */
export class RemoveEvent extends HookEvent {
  static override readonly deferrable = false;
}

/** `update-status`: Juju's periodic hook, for refreshing statuses. */
export class UpdateStatusEvent extends HookEvent {}

/** `config-changed`: the settings changed (and once after install and after upgrades). */
export class ConfigChangedEvent extends HookEvent {}

/** `upgrade-charm`: the charm was replaced by a new revision. */
export class UpgradeCharmEvent extends HookEvent {}

/** `leader-elected`: this unit became the leader. */
export class LeaderElectedEvent extends HookEvent {}

/** `leader-settings-changed`: the leader changed leader settings (non-leaders only). */
export class LeaderSettingsChangedEvent extends HookEvent {}

function modelOf(framework: Framework): Model {
  if (framework.model === undefined)
    throw new Error('this event needs the model: run the charm with main()');
  return framework.model;
}

/** What a relation event names; `main` takes it from JUJU_RELATION, JUJU_REMOTE_* variables. */
export interface RelationEventArgs {
  readonly relationName: string;
  readonly relationId: number;
  readonly appName: string | undefined;
  readonly unitName: string | undefined;
  readonly departingUnitName?: string | undefined;
}

/** An event of one relation: created, joined, changed, departed or broken. */
export class RelationEvent extends HookEvent {
  private args: RelationEventArgs;
  private loaded: Relation | undefined;

  constructor(handle: Handle, framework: Framework, args: RelationEventArgs) {
    super(handle, framework);
    this.args = args;
  }

  /** The relation (inactive during relation-broken). */
  get relation(): Relation {
    if (this.loaded === undefined)
      throw new Error(
        `${this.handle.path}: the relation is read when the event is handed to a handler`,
      );
    return this.loaded;
  }

  /** The remote application. */
  get app(): Application | undefined {
    return this.args.appName === undefined
      ? undefined
      : modelOf(this.framework).getApp(this.args.appName);
  }

  /** The remote unit; undefined for created, broken and application-level changed events. */
  get unit(): Unit | undefined {
    return this.args.unitName === undefined
      ? undefined
      : modelOf(this.framework).getUnit(this.args.unitName);
  }

  override async prepare(): Promise<void> {
    this.loaded = await modelOf(this.framework).relationById(
      this.args.relationName,
      this.args.relationId,
    );
  }

  override snapshot(): EventSnapshot {
    const { relationName, relationId, appName, unitName, departingUnitName } = this.args;
    return {
      relationName,
      relationId,
      appName: appName ?? null,
      unitName: unitName ?? null,
      departingUnitName: departingUnitName ?? null,
    };
  }

  override restore(snapshot: EventSnapshot): void {
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    this.args = {
      relationName: text(snapshot.relationName) ?? '',
      relationId: typeof snapshot.relationId === 'number' ? snapshot.relationId : -1,
      appName: text(snapshot.appName),
      unitName: text(snapshot.unitName),
      departingUnitName: text(snapshot.departingUnitName),
    };
  }

  /** The departing unit's name (departed events). */
  protected get departingName(): string | undefined {
    return this.args.departingUnitName;
  }
}

/** `<endpoint>-relation-created`: a relation was made, before any remote unit joined. */
export class RelationCreatedEvent extends RelationEvent {}

/** `<endpoint>-relation-joined`: a remote unit entered the relation; `unit` is it. */
export class RelationJoinedEvent extends RelationEvent {}

/** `<endpoint>-relation-changed`: a remote bag changed (`unit` undefined for the application's), or after joined. */
export class RelationChangedEvent extends RelationEvent {}

/** `<endpoint>-relation-departed`: a remote unit left; `departingUnit` is the one leaving. */
export class RelationDepartedEvent extends RelationEvent {
  /** The unit leaving the relation: the remote one, or ours when it is our unit that departs. */
  get departingUnit(): Unit | undefined {
    const name = this.departingName;
    return name === undefined ? undefined : modelOf(this.framework).getUnit(name);
  }
}

/** `<endpoint>-relation-broken`: the relation is gone; `unit` is always undefined. */
export class RelationBrokenEvent extends RelationEvent {
  /** Always undefined: a broken relation has no remote unit. */
  override get unit(): undefined {
    return undefined;
  }
}

/** An action: its parameters, results, log and failure. Cannot be deferred. */
export class ActionEvent extends HookEvent {
  static override readonly deferrable = false;
  /** JUJU_ACTION_UUID. */
  id = '';
  private loadedParams: Readonly<Record<string, unknown>> | undefined;

  constructor(handle: Handle, framework: Framework, id: string) {
    super(handle, framework);
    this.id = id;
  }

  /** The action's parameters (action-get). */
  get params(): Readonly<Record<string, unknown>> {
    if (this.loadedParams === undefined)
      throw new Error(
        `${this.handle.path}: parameters are read when the event is handed to a handler`,
      );
    return this.loadedParams;
  }

  /**
   * The parameters checked against a zod object schema (one field per parameter).
   *
   * @throws SchemaError naming every parameter that does not fit; the action is not failed, so
   *   a handler may catch it and call fail() with its own words.
   * @example
   * const { target } = event.loadParams(z.object({ target: z.string().min(1) }));
   */
  loadParams<S extends ObjectSchema>(schema: S): SchemaOutput<S> {
    const parsed = parseWith(schema, this.params);
    if (parsed.ok) return parsed.value;
    throw new SchemaError(
      `the parameters of action ${this.handle.kind.replace(/_action$/, '')} do not fit their schema: ${describeProblems(parsed.problems, 'parameter')}`,
      parsed.problems,
    );
  }

  /** Adds results (action-set); nested objects become dotted keys. */
  async setResults(results: Readonly<Record<string, unknown>>): Promise<void> {
    await modelOf(this.framework).backend.actionSet(results);
  }

  /** A progress line shown to whoever runs the action (action-log). */
  async log(message: string): Promise<void> {
    await modelOf(this.framework).backend.actionLog(message);
  }

  /** Marks the action failed, with why (action-fail). */
  async fail(message?: string): Promise<void> {
    await modelOf(this.framework).backend.actionFail(message);
  }

  override async prepare(): Promise<void> {
    this.loadedParams = await modelOf(this.framework).backend.actionGet();
  }

  override snapshot(): EventSnapshot {
    return { id: this.id };
  }

  override restore(snapshot: EventSnapshot): void {
    this.id = typeof snapshot.id === 'string' ? snapshot.id : '';
  }
}

/** collect-app-status / collect-unit-status: handlers add statuses; the highest priority is set. */
export class CollectStatusEvent extends EventBase {
  static override readonly deferrable = false;

  /** Offers a status for the application (collect-app-status) or the unit; error and unknown are refused. */
  addStatus(status: StatusBase): void {
    checkSettable(status);
    const collected = modelOf(this.framework).collectedStatuses;
    (this.handle.kind === 'collect_app_status' ? collected.app : collected.unit).push(status);
  }
}
