/** The store's errors: one base class with a stable code, a subclass per failure. */

/** Codes of store failures. */
export type StoreErrorCode =
  'model-not-found' | 'already-exists' | 'conflict' | 'integrity' | 'schema-too-new';

/** Base of every store error. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ModelNotFoundError extends StoreError {
  constructor(readonly model: string) {
    super('model-not-found', `model "${model}" not found; run "loom models" to list models`);
  }
}

export class ModelExistsError extends StoreError {
  constructor(readonly model: string) {
    super('already-exists', `model "${model}" already exists; choose another name`);
  }
}

/** Another writer committed since the caller loaded the model. */
export class RevisionConflictError extends StoreError {
  constructor(
    readonly model: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(
      'conflict',
      `model "${model}" is at revision ${actual}, not ${expected}: another writer committed first; reload and retry`,
    );
  }
}

export class CharmExistsError extends StoreError {
  constructor(
    readonly model: string,
    readonly url: string,
  ) {
    super('already-exists', `charm "${url}" is already stored in model "${model}"`);
  }
}

/** A batch that would leave the database inconsistent (a bug upstream); nothing was written. */
export class IntegrityError extends StoreError {
  constructor(
    readonly model: string,
    detail: string,
  ) {
    super(
      'integrity',
      `refused a commit to model "${model}" that breaks the model's integrity: ${detail}`,
    );
  }
}

/** The database was written by a newer Loom. */
export class SchemaTooNewError extends StoreError {
  constructor(
    readonly path: string,
    readonly found: number,
    readonly known: number,
  ) {
    super(
      'schema-too-new',
      `${path} has schema version ${found}, but this Loom knows versions up to ${known}; upgrade Loom to open it`,
    );
  }
}
