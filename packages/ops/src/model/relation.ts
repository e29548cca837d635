/**
 * Relations (ops's Relation): an endpoint's relation with its id, the remote application (our own
 * in a peer relation), the remote units in scope, and the bags this unit can see. A relation that
 * is gone (relation-broken, or an id no longer live) is inactive: no units, empty bags.
 */
import type { Backend, RelationRef } from '../backend/backend.js';
import type { JujuContext } from '../juju-context.js';
import type { BagOwner } from './bag-access.js';
import { ModelError, RelationNotFoundError } from './errors.js';
import { RelationData } from './relation-data.js';
import type { RelationDataContent } from './relation-data.js';
import type { ObjectSchema, SchemaOutput } from './schema.js';
import { loadBag, saveBag } from './typed-bag.js';
import { Application } from './unit.js';
import type { Unit } from './unit.js';

/** What building a relation needs from the model. */
export interface RelationModel {
  readonly backend: Backend;
  readonly context: JujuContext;
  readonly app: Application;
  readonly unit: Unit;
  /** Whether the endpoint is a peer endpoint of our charm. */
  isPeer(endpoint: string): boolean;
  getApp(name: string): Application;
  getUnit(name: string): Unit;
  isLeader(): Promise<boolean>;
  hookRunning(): boolean;
}

/** A relation of one of our endpoints. */
export class Relation {
  private constructor(
    readonly name: string,
    readonly id: number,
    /** The remote application; our own in a peer relation. */
    readonly app: Application,
    /** The remote units in scope (for a peer relation, the other units of our application). */
    readonly units: readonly Unit[],
    readonly data: RelationData,
    /** False once the relation is gone (relation-broken). */
    readonly active: boolean,
  ) {}

  /**
   * Reads `owner`'s bag through a zod object schema: each field JSON-decoded, then checked.
   *
   * @throws RelationDataSchemaError naming every field that is not JSON or does not fit.
   * @throws RelationDataAccessError when this unit may not read the bag.
   * @example
   * const Db = z.object({ host: z.string(), port: z.number().int() });
   * const { host, port } = await relation.load(Db, relation.app);
   */
  load<S extends ObjectSchema>(schema: S, owner: Unit | Application): Promise<SchemaOutput<S>> {
    return loadBag(this.bagOf(owner), schema, this.describeBag(owner));
  }

  /**
   * Writes `value` into `owner`'s bag, each field JSON-encoded, in one relation-set. With a
   * schema the value is checked first, and the schema's fields missing from it are deleted.
   *
   * @throws RelationDataSchemaError naming every field that does not fit (nothing written).
   * @throws RelationDataAccessError when this unit may not write the bag.
   * @example
   * await relation.save({ host: '10.0.0.4', port: 5432 }, this.app, Db);
   */
  save(
    value: Readonly<Record<string, unknown>>,
    owner: Unit | Application,
    schema?: ObjectSchema,
  ): Promise<void> {
    return saveBag(this.bagOf(owner), value, schema, this.describeBag(owner));
  }

  private bagOf(owner: Unit | Application): RelationDataContent {
    return owner instanceof Application ? this.data.app(owner.name) : this.data.unit(owner.name);
  }

  private describeBag(owner: Unit | Application): string {
    const kind = owner instanceof Application ? 'application' : 'unit';
    return `the bag of ${kind} "${owner.name}" in relation ${this.name}:${this.id}`;
  }

  /**
   * Reads relation `endpoint:id` as the tools show it now.
   *
   * @throws ModelError when the remote application cannot be told (no unit, no fallback).
   */
  static async load(
    model: RelationModel,
    endpoint: string,
    id: number,
    broken: boolean,
  ): Promise<Relation> {
    const ref: RelationRef = { endpoint, id };
    const { context } = model;
    let unitNames: string[] = [];
    let active = !broken;
    if (active) {
      try {
        unitNames = await model.backend.relationList(ref);
      } catch (error) {
        if (!(error instanceof RelationNotFoundError)) throw error;
        active = false;
      }
    }
    const thisEvent = context.relationId === id;
    const appName = model.isPeer(endpoint)
      ? model.app.name
      : (unitNames[0]?.split('/')[0] ??
        (thisEvent ? context.remoteAppName : undefined) ??
        (await remoteAppOf(model.backend, ref)));
    if (appName === undefined || appName === '') {
      throw new ModelError(`cannot tell the remote application of relation ${endpoint}:${id}`);
    }
    const owners: BagOwner[] = [
      { name: model.unit.name, isApp: false },
      { name: model.app.name, isApp: true },
      ...unitNames.map((name) => ({ name, isApp: false })),
    ];
    if (appName !== model.app.name) owners.push({ name: appName, isApp: true });
    // During departed and broken the departing unit's bag can still be read, though it is no member.
    const departing = thisEvent ? context.remoteUnitName : undefined;
    if (
      departing !== undefined &&
      /_relation_(departed|broken)$/.test(context.eventName) &&
      !unitNames.includes(departing)
    )
      owners.push({ name: departing, isApp: false });
    const data = new RelationData(owners, ref, model.backend, {
      unit: model.unit.name,
      app: model.app.name,
      relationApp: appName,
      relationName: endpoint,
      get hookRunning() {
        return model.hookRunning();
      },
      isLeader: () => model.isLeader(),
    });
    return new Relation(
      endpoint,
      id,
      model.getApp(appName),
      unitNames.map((name) => model.getUnit(name)),
      data,
      active,
    );
  }
}

async function remoteAppOf(backend: Backend, ref: RelationRef): Promise<string | undefined> {
  try {
    return await backend.relationRemoteApp(ref);
  } catch (error) {
    if (error instanceof RelationNotFoundError) return undefined;
    throw error;
  }
}
