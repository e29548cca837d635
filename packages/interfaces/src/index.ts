export { dataHash, lenientJsonLoads, pythonJsonDumps } from './python-json.js';
export type { JsonData } from './python-json.js';
export { DataView } from './data-view.js';
export { conditionsHold, dispatch, MAX_ITERATIONS } from './dispatch.js';
export type { Conditions, Handler } from './dispatch.js';
export { Endpoint, EndpointRelation, RelatedUnit } from './endpoint.js';
export type { DepartedLists, DepartedUnit, HookInfo } from './endpoint.js';
export { FlagStore } from './flags.js';
export type { FlagData, Trigger } from './flags.js';
export { ReactiveCharm } from './reactive-charm.js';
export type { EndpointClass } from './reactive-charm.js';
export { ProblemReporter, readTypedBag } from './typed-bag.js';
export type { BagEncoding, BagProblem, TypedBag } from './typed-bag.js';
export { HTTP, HttpProvider, httpProviderUnit, HttpRequirer } from './libraries/http.js';
export type { Website } from './libraries/http.js';
export { runConformance } from './conformance.js';
export type {
  ConformanceProblem,
  ConformanceReport,
  ConformanceRun,
  ConformanceSide,
  InterfaceSchemas,
} from './conformance.js';
export {
  DATABASE_CLIENT,
  DatabaseProvider,
  databaseProviderApp,
  DatabaseRequirer,
  databaseRequirerApp,
} from './libraries/database.js';
export type { DatabaseCredentials, DatabaseRequest } from './libraries/database.js';
export { JUJU_INFO, JujuInfoRequirer, jujuInfoUnit } from './libraries/juju-info.js';
export type { UnitAddress } from './libraries/juju-info.js';
export {
  LOGGING_DIRECTORY,
  LoggingDirectoryProvider,
  loggingDirectoryProviderUnit,
  LoggingDirectoryRequirer,
} from './libraries/logging-directory.js';
export { HttpProvides, HttpRequires } from './libraries/http-reactive.js';
export type { ReactiveWebsite } from './libraries/http-reactive.js';
