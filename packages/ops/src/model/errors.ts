/**
 * The errors of the model, as ops names them, so that charm code catches the same classes:
 * a hook tool's failure is a ModelError carrying its stderr; "relation not found" from a
 * relation or network tool is a RelationNotFoundError.
 */

/** A hook tool failed, or the model refused something. */
export class ModelError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The relation is gone (or never was). */
export class RelationNotFoundError extends ModelError {}

/** `getRelation` without an id found several relations of the endpoint. */
export class TooManyRelatedAppsError extends ModelError {}

/** Relation data was written or read where Juju would refuse it. */
export class RelationDataError extends ModelError {}

/** A key or value of relation data is not a string. */
export class RelationDataTypeError extends RelationDataError {}

/** This unit may not read or write that bag (spec/ops-api.md §2). */
export class RelationDataAccessError extends RelationDataError {}

/** A status that cannot be set (error, unknown) or is not known. */
export class InvalidStatusError extends ModelError {}

/**
 * Relation data, config or action parameters did not fit the schema they were loaded or saved
 * with; `problems` names each field at fault.
 */
export class SchemaError extends ModelError {
  constructor(
    message: string,
    readonly problems: readonly { readonly field: string; readonly message: string }[],
  ) {
    super(message);
  }
}

/** A relation bag did not fit its schema (see Relation.load and Relation.save). */
export class RelationDataSchemaError extends SchemaError {}
