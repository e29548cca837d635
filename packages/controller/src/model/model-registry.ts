/**
 * The controller's models: loaded from the store at start, added and destroyed through the API,
 * each held by a ModelHost.
 */
import { randomUUID } from 'node:crypto';

import type { ModelListing, ModelSummary } from '@loom/protocol';
import type { ModelRecord, Store } from '@loom/store';

import { ControllerError } from '../controller-error.js';
import { timestamp } from '../clock/clock.js';
import type { Clock } from '../clock/clock.js';
import { ModelHost } from './model-host.js';
import type { CommitListener } from './model-host.js';

/** Told when a model comes or goes, so services can follow it. */
export interface RegistryListener {
  readonly added?: (host: ModelHost) => void;
  readonly destroyed?: (model: string) => void;
}

/** Every model of a controller. */
export class ModelRegistry {
  private readonly hosts = new Map<string, ModelHost>();
  private readonly listeners: RegistryListener[] = [];
  private readonly commitListeners: CommitListener[] = [];

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly report: (error: unknown) => void,
  ) {}

  /** Loads every stored model. */
  async load(): Promise<void> {
    for (const record of await this.store.listModels()) await this.host(record.name);
  }

  /** Follows every model's commits, present and future. */
  onCommit(listener: CommitListener): void {
    this.commitListeners.push(listener);
    for (const host of this.hosts.values()) host.onCommit(listener);
  }

  /** Follows models coming and going. */
  onChange(listener: RegistryListener): void {
    this.listeners.push(listener);
  }

  /** The models, by name. */
  list(): ModelListing[] {
    return [...this.hosts.values()]
      .map(({ view: { record, state } }) => ({
        ...record,
        machines: state.machines.size,
        applications: state.applications.size,
        units: state.units.size,
      }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /**
   * A model's host.
   *
   * @throws ControllerError `model-not-found`
   */
  get(name: string): ModelHost {
    const host = this.hosts.get(name);
    if (host === undefined)
      throw new ControllerError(
        'model-not-found',
        `model "${name}" not found; run "loom models" to list models`,
      );
    return host;
  }

  /**
   * Adds an empty model.
   *
   * @throws ModelExistsError when the name is taken.
   */
  async add(name: string): Promise<ModelSummary> {
    await this.store.createModel(newModelRecord(name, this.clock));
    return (await this.host(name)).view.record;
  }

  /** Destroys a model and everything in it. */
  async destroy(name: string): Promise<void> {
    this.get(name);
    await this.store.destroyModel(name);
    this.hosts.delete(name);
    for (const listener of this.listeners) listener.destroyed?.(name);
  }

  private async host(name: string): Promise<ModelHost> {
    const host = new ModelHost(this.store, await this.store.loadModel(name), this.report);
    for (const listener of this.commitListeners) host.onCommit(listener);
    this.hosts.set(name, host);
    for (const listener of this.listeners) listener.added?.(host);
    return host;
  }
}

/** A new model's record: a fresh UUID, created now. */
export function newModelRecord(name: string, clock: Clock): Omit<ModelRecord, 'revision'> {
  return { name, uuid: randomUUID(), createdAt: timestamp(clock) };
}
