/**
 * The charm metadata model: what Loom knows about a charm after loading it (spec §1).
 */
import type { DataObject, DataValue } from './yaml-file.js';

/** An endpoint's role, implied by the map it is declared in (R1.1). */
export type EndpointRole = 'provider' | 'requirer' | 'peer';

/** Which units can see each other through a relation at this endpoint (R1.2, §3.1). */
export type EndpointScope = 'global' | 'container';

/** One named relation point of a charm (R1.1, R1.2). */
export interface Endpoint {
  readonly name: string;
  readonly role: EndpointRole;
  /** Compatibility key: two endpoints relate only if these strings are identical. */
  readonly interface: string;
  /** Maximum number of relations at this endpoint; 0 means unlimited (R1.2, R2.15). */
  readonly limit: number;
  /** Stored and shown; Juju never acts on it (R1.2). */
  readonly optional: boolean;
  readonly scope: EndpointScope;
  readonly description?: string;
}

/** The types a charm config option may have. */
export type ConfigOptionType = 'string' | 'int' | 'float' | 'boolean' | 'secret';

/** A config option value after coercion to its option's type. */
export type ConfigValue = string | number | boolean;

/** One option of the charm's config (`config.yaml`, or `config.options` in charmcraft.yaml). */
export interface ConfigOption {
  readonly name: string;
  readonly type: ConfigOptionType;
  readonly description: string;
  /** Absent when the option has no default (its value is then unset). */
  readonly default?: ConfigValue;
}

/** One action the charm declares (`actions.yaml`, or `actions` in charmcraft.yaml). */
export interface ActionSpec {
  readonly name: string;
  readonly description: string;
  /** JSON-Schema properties of the action's parameters, kept as written. */
  readonly params: DataObject;
  readonly required: readonly string[];
  /** Whether parameters not listed in `params` are accepted; absent when not stated. */
  readonly additionalProperties?: boolean;
  readonly parallel: boolean;
  readonly executionGroup: string;
  /** Any other keys of the action; Juju copies them into the action's JSON schema. */
  readonly extra: DataObject;
}

/** Which file the metadata was read from. */
export type MetadataSource = 'metadata.yaml' | 'charmcraft.yaml';

/** Everything Loom reads from a charm's metadata, config and actions. */
export interface CharmMetadata {
  readonly name: string;
  readonly summary: string;
  readonly description: string;
  readonly subordinate: boolean;
  /** Declared endpoints: provides, then requires, then peers, each in file order. */
  readonly endpoints: readonly Endpoint[];
  readonly config: readonly ConfigOption[];
  readonly actions: readonly ActionSpec[];
  readonly extraBindings: readonly string[];
  readonly tags: readonly string[];
  readonly categories: readonly string[];
  readonly series: readonly string[];
  readonly terms: readonly string[];
  readonly minJujuVersion?: string;
  /** Kept as data, not interpreted yet: storage, containers, resources, devices, payloads, assumes. */
  readonly storage: DataObject;
  readonly containers: DataObject;
  readonly resources: DataObject;
  readonly devices: DataObject;
  readonly payloads: DataObject;
  readonly assumes: readonly DataValue[];
  readonly source: MetadataSource;
}
