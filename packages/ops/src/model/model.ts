/**
 * The model as a charm sees it during one hook (ops's Model): our unit and application, the
 * relations of each endpoint, the config, bindings. Units and applications are cached by name,
 * relations per hook; leadership is cached for the lease window (30 s, monotonic clock).
 */
import type { CharmMetadata } from '@loom/core';

import type { Backend, NetworkInfo } from '../backend/backend.js';
import type { JujuContext } from '../juju-context.js';
import { ConfigData } from './config-data.js';
import { RelationNotFoundError, TooManyRelatedAppsError } from './errors.js';
import { Relation } from './relation.js';
import type { RelationModel } from './relation.js';
import type { StatusBase } from './status.js';
import { Application, Unit } from './unit.js';

/** How long an `is-leader` answer is trusted: Juju's lease window. */
const LEADERSHIP_CACHE_MS = 30_000;

/** What the model is built from. */
export interface ModelOptions {
  readonly backend: Backend;
  readonly context: JujuContext;
  readonly meta: CharmMetadata;
  /** Whether a hook is running (relation-data access checks apply then). */
  readonly hookRunning?: () => boolean;
  /** A monotonic clock in ms, for the leadership cache. */
  readonly now?: () => number;
}

/** A relation's network as network-get reports it. */
export interface Network {
  readonly bindAddress: string | undefined;
  readonly ingressAddress: string | undefined;
  readonly ingressAddresses: readonly string[];
  readonly egressSubnets: readonly string[];
}

/** The model of one hook. */
export class Model {
  readonly unit: Unit;
  readonly app: Application;
  readonly name: string;
  readonly uuid: string;
  readonly backend: Backend;
  /** Statuses offered by collect-status handlers this hook, in the order added. */
  readonly collectedStatuses: { readonly app: StatusBase[]; readonly unit: StatusBase[] } = {
    app: [],
    unit: [],
  };
  private readonly units = new Map<string, Unit>();
  private readonly apps = new Map<string, Application>();
  private readonly relationCache = new Map<string, Promise<Relation[]>>();
  private readonly relationsById = new Map<string, Promise<Relation>>();
  private configData: ConfigData | undefined;
  private leadership: { readonly value: boolean; readonly at: number } | undefined;
  private readonly now: () => number;

  constructor(private readonly options: ModelOptions) {
    const { context } = options;
    this.backend = options.backend;
    this.name = context.modelName;
    this.uuid = context.modelUuid;
    this.now = options.now ?? (() => performance.now());
    this.app = this.getApp(context.appName);
    this.unit = this.getUnit(context.unitName);
  }

  /** The running hook's context: its dispatch path, relation, remote unit, action. */
  get context(): JujuContext {
    return this.options.context;
  }

  /** The application called `name` (the same object each time). */
  getApp(name: string): Application {
    let app = this.apps.get(name);
    if (app === undefined) {
      app = new Application(name, this.access);
      this.apps.set(name, app);
    }
    return app;
  }

  /** The unit called `name` (the same object each time). */
  getUnit(name: string): Unit {
    let unit = this.units.get(name);
    if (unit === undefined) {
      unit = new Unit(name, this.getApp(name.split('/')[0] ?? name), this.access);
      this.units.set(name, unit);
    }
    return unit;
  }

  /** Whether our unit leads its application; asked at most once per lease window. */
  async isLeader(): Promise<boolean> {
    const now = this.now();
    if (this.leadership !== undefined && now - this.leadership.at < LEADERSHIP_CACHE_MS)
      return this.leadership.value;
    const value = await this.backend.isLeader();
    this.leadership = { value, at: now };
    return value;
  }

  /**
   * The live relations of `endpoint`; during relation-broken, without the broken one.
   *
   * @throws Error for an endpoint the charm does not declare.
   */
  relations(endpoint: string): Promise<Relation[]> {
    this.requireEndpoint(endpoint);
    let relations = this.relationCache.get(endpoint);
    if (relations === undefined) {
      relations = this.loadRelations(endpoint);
      this.relationCache.set(endpoint, relations);
    }
    return relations;
  }

  /**
   * The relation of `endpoint`: with an id, that one (inactive if it is gone, as relation-broken
   * sees it); without, the only one, or undefined when there is none.
   *
   * @throws TooManyRelatedAppsError when there are several and no id was given.
   */
  async getRelation(endpoint: string, id?: number): Promise<Relation | undefined> {
    const relations = await this.relations(endpoint);
    if (id === undefined) {
      if (relations.length > 1) {
        throw new TooManyRelatedAppsError(
          `endpoint "${endpoint}" has ${relations.length} relations (${relations.map((relation) => relation.id).join(', ')}); give the relation id`,
        );
      }
      return relations[0];
    }
    return (
      relations.find((relation) => relation.id === id) ??
      Relation.load(this.relationModel, endpoint, id, true)
    );
  }

  /**
   * Relation `endpoint:id`, read by itself when the endpoint's relations have not been listed:
   * an event's relation costs no relation-ids. The same object as relations() gives later.
   */
  relationById(endpoint: string, id: number): Promise<Relation> {
    if (this.relationCache.has(endpoint))
      return this.getRelation(endpoint, id) as Promise<Relation>;
    this.requireEndpoint(endpoint);
    const { context } = this.options;
    const broken = context.eventName.endsWith('_relation_broken') && context.relationId === id;
    return this.loadRelation(endpoint, id, broken);
  }

  /** The application's settings, as config-get reports them, read once per hook. */
  async config(): Promise<ConfigData> {
    this.configData ??= new ConfigData(await this.backend.configGet(), this.options.meta.config);
    return this.configData;
  }

  /** The network of an endpoint (or a relation's), from network-get. */
  async network(binding: string | Relation): Promise<Network> {
    let info: NetworkInfo;
    if (typeof binding === 'string') info = await this.backend.networkGet(binding);
    else {
      try {
        info = await this.backend.networkGet(binding.name, binding.id);
      } catch (error) {
        if (!(error instanceof RelationNotFoundError)) throw error;
        info = await this.backend.networkGet(binding.name);
      }
    }
    const ingress = info['ingress-addresses'] ?? [];
    return {
      bindAddress: info['bind-addresses']?.[0]?.addresses?.[0]?.value,
      ingressAddress: ingress[0],
      ingressAddresses: ingress,
      egressSubnets: info['egress-subnets'] ?? [],
    };
  }

  private get access() {
    return {
      backend: this.backend,
      unitName: this.options.context.unitName,
      appName: this.options.context.appName,
      isLeader: () => this.isLeader(),
    };
  }

  private get relationModel(): RelationModel {
    return {
      backend: this.backend,
      context: this.options.context,
      app: this.app,
      unit: this.unit,
      isPeer: (endpoint) =>
        this.options.meta.endpoints.some(
          (candidate) => candidate.name === endpoint && candidate.role === 'peer',
        ),
      getApp: (name) => this.getApp(name),
      getUnit: (name) => this.getUnit(name),
      isLeader: () => this.isLeader(),
      hookRunning: () => this.options.hookRunning?.() ?? true,
    };
  }

  private async loadRelations(endpoint: string): Promise<Relation[]> {
    const { context } = this.options;
    const broken = context.eventName.endsWith('_relation_broken') ? context.relationId : undefined;
    const ids = (await this.backend.relationIds(endpoint))
      .map((ref) => Number(ref.split(':').at(-1)))
      .filter((id) => id !== broken);
    return Promise.all(ids.map((id) => this.loadRelation(endpoint, id, false)));
  }

  /** Each relation is read once per hook, whichever way it is first asked for. */
  private loadRelation(endpoint: string, id: number, broken: boolean): Promise<Relation> {
    const key = `${endpoint}:${id}`;
    let relation = this.relationsById.get(key);
    if (relation === undefined) {
      relation = Relation.load(this.relationModel, endpoint, id, broken);
      this.relationsById.set(key, relation);
    }
    return relation;
  }

  private requireEndpoint(endpoint: string): void {
    const { endpoints } = this.options.meta;
    if (!endpoints.some((candidate) => candidate.name === endpoint)) {
      throw new Error(
        `the charm has no endpoint "${endpoint}"; its metadata declares: ${endpoints.map((candidate) => candidate.name).join(', ') || 'none'}`,
      );
    }
  }
}
