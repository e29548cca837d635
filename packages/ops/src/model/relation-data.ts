/**
 * Relation data (ops's RelationData and RelationDataContent): one content per bag a unit can
 * see in a relation — our unit's, our application's, each remote unit's, the remote
 * application's, and during departed or broken the departing unit's. A bag is read with one
 * relation-get the first time it is needed and cached for the hook; writes send only the keys
 * that change, with one relation-set. Every access is checked first (bag-access.ts).
 */
import type { Backend, RelationRef } from '../backend/backend.js';
import { checkRead, checkWrite } from './bag-access.js';
import type { BagAccessContext, BagOwner } from './bag-access.js';
import { RelationNotFoundError } from './errors.js';

/** One bag of one relation. */
export class RelationDataContent {
  private cache: Record<string, string> | undefined;

  constructor(
    readonly owner: BagOwner,
    private readonly relation: RelationRef,
    private readonly backend: Backend,
    private readonly access: BagAccessContext,
  ) {}

  /** The value of `key`, or undefined. */
  async get(key: string): Promise<string | undefined> {
    return (await this.read())[key];
  }

  /** Whether `key` is set. */
  async has(key: string): Promise<boolean> {
    return Object.hasOwn(await this.read(), key);
  }

  /** The keys set, sorted. */
  async keys(): Promise<string[]> {
    return Object.keys(await this.read()).sort();
  }

  /** How many keys are set. */
  async size(): Promise<number> {
    return Object.keys(await this.read()).length;
  }

  /** The whole bag, as a plain object. */
  async toObject(): Promise<Record<string, string>> {
    return { ...(await this.read()) };
  }

  /** Sets one key; an empty value deletes it, as in Juju. */
  async set(key: string, value: string): Promise<void> {
    await this.update({ [key]: value });
  }

  /** Deletes one key (writes it empty). */
  async delete(key: string): Promise<void> {
    await this.update({ [key]: '' });
  }

  /**
   * Writes several keys at once; only those that change are sent. Checked before anything is
   * read, so a refused write fails with the refusal, not with Juju's raw error.
   *
   * @throws RelationDataTypeError, RelationDataAccessError (see checkWrite).
   */
  async update(data: Readonly<Record<string, string>>): Promise<void> {
    await checkWrite(this.access, this.owner, data);
    const current = await this.load();
    const changed = Object.fromEntries(
      Object.entries(data).filter(([key, value]) => (current[key] ?? '') !== value),
    );
    if (Object.keys(changed).length === 0) return;
    await this.backend.relationSet(this.relation, changed, this.owner.isApp);
    const merged = { ...current, ...changed };
    this.cache = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== ''));
  }

  private async read(): Promise<Record<string, string>> {
    await checkRead(this.access, this.owner);
    return this.load();
  }

  private async load(): Promise<Record<string, string>> {
    if (this.cache !== undefined) return this.cache;
    try {
      this.cache = await this.backend.relationGet(this.relation, this.owner.name, this.owner.isApp);
    } catch (error) {
      // Dead relations tell no tales: a relation that is gone reads as empty.
      if (!(error instanceof RelationNotFoundError)) throw error;
      this.cache = {};
    }
    return this.cache;
  }
}

/** The bags of one relation that this unit can see, by owner. */
export class RelationData {
  private readonly contents = new Map<string, RelationDataContent>();

  constructor(
    owners: readonly BagOwner[],
    relation: RelationRef,
    backend: Backend,
    access: BagAccessContext,
  ) {
    for (const owner of owners) {
      this.contents.set(keyOf(owner), new RelationDataContent(owner, relation, backend, access));
    }
  }

  /** A unit's bag. @throws Error for a unit this relation does not show. */
  unit(name: string): RelationDataContent {
    return this.of({ name, isApp: false });
  }

  /** An application's bag. @throws Error for an application this relation does not show. */
  app(name: string): RelationDataContent {
    return this.of({ name, isApp: true });
  }

  /** The bags this relation shows. */
  owners(): BagOwner[] {
    return [...this.contents.values()].map((content) => content.owner);
  }

  private of(owner: BagOwner): RelationDataContent {
    const content = this.contents.get(keyOf(owner));
    if (content === undefined) {
      const shown = this.owners()
        .map((candidate) => candidate.name)
        .join(', ');
      throw new Error(
        `this relation has no bag of ${owner.isApp ? 'application' : 'unit'} "${owner.name}"; it shows: ${shown}`,
      );
    }
    return content;
  }
}

function keyOf(owner: BagOwner): string {
  return `${owner.isApp ? 'app' : 'unit'}:${owner.name}`;
}
