/**
 * Who may read and write which relation bag (spec/ops-api.md §2): ops's checks, applied by
 * RelationDataContent to every access path — reads through get, has, keys, size and entries
 * alike, where ops checks only item reads. Values and keys must be strings always; the access
 * rules apply while a hook runs (tests outside a hook may set up any bag).
 */
import { RelationDataAccessError, RelationDataTypeError } from './errors.js';

/** A bag's owner: a unit (`app/0`) or an application (`app`). */
export interface BagOwner {
  readonly name: string;
  readonly isApp: boolean;
}

/** What the checks need to know about the hook and the relation. */
export interface BagAccessContext {
  /** Our unit's name (`demo/0`). */
  readonly unit: string;
  /** Our application's name (`demo`). */
  readonly app: string;
  /** The relation's remote application (our own in a peer relation); undefined when unknown. */
  readonly relationApp: string | undefined;
  readonly relationName: string;
  /** Whether a hook is running: outside one, only the type checks apply. */
  readonly hookRunning: boolean;
  /** Asks (and caches) whether our unit leads its application. */
  readonly isLeader: () => Promise<boolean>;
}

/**
 * Checks a read of `owner`'s bag.
 *
 * @throws RelationDataAccessError naming who may not read what.
 */
export async function checkRead(context: BagAccessContext, owner: BagOwner): Promise<void> {
  if (!context.hookRunning || !owner.isApp) return;
  if (await context.isLeader()) return;
  if (context.relationApp === undefined) {
    throw new RelationDataAccessError(
      `Remote application instance cannot be retrieved for relation ${context.relationName}; the relation has no remote application (yet)`,
    );
  }
  const peer = context.relationApp === context.app;
  if (owner.name === context.app && !peer) {
    throw new RelationDataAccessError(
      `${context.unit} is not leader and cannot read its own application databag`,
    );
  }
}

/**
 * Checks a write of `data` to `owner`'s bag.
 *
 * @throws RelationDataTypeError for a key or value that is not a string (always), and
 *   RelationDataAccessError for a bag this unit may not write (while a hook runs).
 */
export async function checkWrite(
  context: BagAccessContext,
  owner: BagOwner,
  data: Readonly<Record<string, unknown>>,
): Promise<void> {
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string') {
      throw new RelationDataTypeError(
        `relation data values must be strings: "${key}" is ${value === null ? 'null' : typeof value}; encode it first (JSON.stringify, or relation.save with a schema)`,
      );
    }
  }
  if (!context.hookRunning) return;
  if (owner.isApp && owner.name !== context.app) {
    throw new RelationDataAccessError(
      `${context.unit} cannot write the data of remote application ${owner.name}`,
    );
  }
  if (owner.isApp && !(await context.isLeader())) {
    throw new RelationDataAccessError(
      `${context.unit} is not leader and cannot write application data.`,
    );
  }
  if (!owner.isApp && owner.name !== context.unit) {
    throw new RelationDataAccessError(
      `${context.unit} cannot write databag of ${owner.name}: not the same unit.`,
    );
  }
}
