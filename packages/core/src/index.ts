/**
 * @loom/core: Loom's pure rules. No I/O, no clock, no randomness: callers pass file contents,
 * time and ids in, and get values back.
 */
export {
  applicationEndpoints,
  IMPLICIT_JUJU_INFO_ENDPOINT,
  isImplicitEndpoint,
  RELATION_HOOK_KINDS,
  relationHookNames,
} from './charm/endpoints.js';
export type { RelationHookKind } from './charm/endpoints.js';
export { CHARM_FILE_NAMES, loadCharm } from './charm/load-charm.js';
export type { CharmFileName, CharmFiles, CharmLoadResult } from './charm/load-charm.js';
export type {
  ActionSpec,
  CharmMetadata,
  ConfigOption,
  ConfigOptionType,
  ConfigValue,
  Endpoint,
  EndpointRole,
  EndpointScope,
  MetadataSource,
} from './charm/metadata.js';
export {
  ACTION_NAME_PATTERN,
  APPLICATION_NAME_PATTERN,
  DOCUMENTED_INTERFACE_NAME_PATTERN,
  ENDPOINT_NAME_PATTERN,
  reservedNameReason,
} from './charm/names.js';
export { formatProblem, isError } from './charm/problem.js';
export type {
  CharmProblem,
  CharmProblemCode,
  ProblemSeverity,
  SourceLocation,
} from './charm/problem.js';
export type { DataObject, DataValue } from './charm/yaml-file.js';
