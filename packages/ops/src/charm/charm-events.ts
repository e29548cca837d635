/**
 * A charm's events (ops's CharmEvents), defined from its metadata. The scheme: the static events
 * are camelCase properties (`on.install`, `on.configChanged`); per-endpoint, per-action,
 * per-storage and per-container events are reached by name (`on.relation('db').changed`,
 * `on.action('backup')`, `on.storage('data').attached`, `on.workload('web').pebbleReady`).
 * Handle kinds are ops's (`db_relation_changed`, `backup_action`), so paths match ops's.
 */
import type { CharmMetadata } from '@loom/core';

import type { BoundEvent } from '../framework/events.js';
import { ObjectEvents } from '../framework/events.js';
import type { FrameworkObject } from '../framework/framework-object.js';
import {
  ActionEvent,
  CollectStatusEvent,
  ConfigChangedEvent,
  HookEvent,
  InstallEvent,
  LeaderElectedEvent,
  LeaderSettingsChangedEvent,
  RelationBrokenEvent,
  RelationChangedEvent,
  RelationCreatedEvent,
  RelationDepartedEvent,
  RelationJoinedEvent,
  RemoveEvent,
  StartEvent,
  StopEvent,
  UpdateStatusEvent,
  UpgradeCharmEvent,
} from './hook-events.js';
import type { RelationEventArgs } from './hook-events.js';

/** The five events of one endpoint's relations. */
export interface RelationEvents {
  readonly created: BoundEvent<RelationCreatedEvent, [RelationEventArgs]>;
  readonly joined: BoundEvent<RelationJoinedEvent, [RelationEventArgs]>;
  readonly changed: BoundEvent<RelationChangedEvent, [RelationEventArgs]>;
  readonly departed: BoundEvent<RelationDepartedEvent, [RelationEventArgs]>;
  readonly broken: BoundEvent<RelationBrokenEvent, [RelationEventArgs]>;
}

/** The events of one storage. */
export interface StorageEvents {
  readonly attached: BoundEvent<HookEvent>;
  readonly detaching: BoundEvent<HookEvent>;
}

/** The events of one workload container. */
export interface WorkloadEvents {
  readonly pebbleReady: BoundEvent<HookEvent>;
  readonly pebbleCustomNotice: BoundEvent<HookEvent>;
  readonly pebbleCheckFailed: BoundEvent<HookEvent>;
  readonly pebbleCheckRecovered: BoundEvent<HookEvent>;
}

/** Secret events: the secret's id and label are read by the secrets API (a later step). */
export class SecretEvent extends HookEvent {}

/** The events of a charm. */
export class CharmEvents extends ObjectEvents {
  readonly install = this.defineEvent('install', InstallEvent);
  readonly start = this.defineEvent('start', StartEvent);
  readonly stop = this.defineEvent('stop', StopEvent);
  readonly remove = this.defineEvent('remove', RemoveEvent);
  readonly updateStatus = this.defineEvent('update_status', UpdateStatusEvent);
  readonly configChanged = this.defineEvent('config_changed', ConfigChangedEvent);
  readonly upgradeCharm = this.defineEvent('upgrade_charm', UpgradeCharmEvent);
  readonly leaderElected = this.defineEvent('leader_elected', LeaderElectedEvent);
  readonly leaderSettingsChanged = this.defineEvent(
    'leader_settings_changed',
    LeaderSettingsChangedEvent,
  );
  readonly secretChanged = this.defineEvent('secret_changed', SecretEvent);
  readonly secretExpired = this.defineEvent('secret_expired', SecretEvent);
  readonly secretRotate = this.defineEvent('secret_rotate', SecretEvent);
  readonly secretRemove = this.defineEvent('secret_remove', SecretEvent);
  readonly collectAppStatus = this.defineEvent('collect_app_status', CollectStatusEvent);
  readonly collectUnitStatus = this.defineEvent('collect_unit_status', CollectStatusEvent);

  private readonly relations = new Map<string, RelationEvents>();
  private readonly actions = new Map<string, BoundEvent<ActionEvent, [string]>>();
  private readonly storages = new Map<string, StorageEvents>();
  private readonly workloads = new Map<string, WorkloadEvents>();

  constructor(charm: FrameworkObject, meta: CharmMetadata) {
    super(charm);
    for (const endpoint of meta.endpoints) {
      const prefix = snake(endpoint.name);
      this.relations.set(endpoint.name, {
        created: this.defineEvent(`${prefix}_relation_created`, RelationCreatedEvent),
        joined: this.defineEvent(`${prefix}_relation_joined`, RelationJoinedEvent),
        changed: this.defineEvent(`${prefix}_relation_changed`, RelationChangedEvent),
        departed: this.defineEvent(`${prefix}_relation_departed`, RelationDepartedEvent),
        broken: this.defineEvent(`${prefix}_relation_broken`, RelationBrokenEvent),
      });
    }
    for (const action of meta.actions) {
      this.actions.set(action.name, this.defineEvent(`${snake(action.name)}_action`, ActionEvent));
    }
    for (const name of Object.keys(meta.storage)) {
      this.storages.set(name, {
        attached: this.defineEvent(`${snake(name)}_storage_attached`, HookEvent),
        detaching: this.defineEvent(`${snake(name)}_storage_detaching`, HookEvent),
      });
    }
    for (const name of Object.keys(meta.containers)) {
      this.workloads.set(name, {
        pebbleReady: this.defineEvent(`${snake(name)}_pebble_ready`, HookEvent),
        pebbleCustomNotice: this.defineEvent(`${snake(name)}_pebble_custom_notice`, HookEvent),
        pebbleCheckFailed: this.defineEvent(`${snake(name)}_pebble_check_failed`, HookEvent),
        pebbleCheckRecovered: this.defineEvent(`${snake(name)}_pebble_check_recovered`, HookEvent),
      });
    }
  }

  /** The events of endpoint `name`'s relations. @throws Error for an undeclared endpoint. */
  relation(name: string): RelationEvents {
    return lookUp(this.relations, name, 'endpoint');
  }

  /** Action `name`'s event. @throws Error for an undeclared action. */
  action(name: string): BoundEvent<ActionEvent, [string]> {
    return lookUp(this.actions, name, 'action');
  }

  /** Storage `name`'s events. @throws Error for undeclared storage. */
  storage(name: string): StorageEvents {
    return lookUp(this.storages, name, 'storage');
  }

  /** Container `name`'s events. @throws Error for an undeclared container. */
  workload(name: string): WorkloadEvents {
    return lookUp(this.workloads, name, 'container');
  }
}

function snake(name: string): string {
  return name.replaceAll('-', '_');
}

function lookUp<T>(map: ReadonlyMap<string, T>, name: string, what: string): T {
  const found = map.get(name);
  if (found === undefined) {
    throw new Error(
      `the charm declares no ${what} "${name}"; it declares: ${[...map.keys()].join(', ') || 'none'}`,
    );
  }
  return found;
}
