/**
 * @loom/ops: write Juju charms in TypeScript, with Canonical ops's model of charms, events,
 * relations and stored state.
 */
export { EventBase, BoundEvent, ObjectEvents } from './framework/events.js';
export type { EventSnapshot, EventType } from './framework/events.js';
export { Framework } from './framework/framework.js';
export type {
  DeferredEvent,
  EventHandler,
  FrameworkLogLevel,
  FrameworkOptions,
} from './framework/framework.js';
export { FrameworkObject } from './framework/framework-object.js';
export type { ObjectParent } from './framework/framework-object.js';
export { Handle } from './framework/handle.js';
export {
  ControllerUnitStateStore,
  QUEUE_KEY,
  SNAPSHOT_PREFIX,
} from './framework/controller-unit-state.js';
export { StoredState } from './framework/stored-state.js';
export type { StoredData } from './framework/stored-state.js';
export {
  EMPTY_UNIT_STATE,
  FileUnitStateStore,
  MemoryUnitStateStore,
} from './framework/unit-state.js';
export type { JsonValue, Notice, UnitState, UnitStateStore } from './framework/unit-state.js';
export { AutoToolRunner, hookToolRunner } from './backend/auto-tool-runner.js';
export { flattenActionResults, portArgument, toolFailure } from './backend/backend.js';
export type {
  Backend,
  GoalState,
  JujuLogLevel,
  NetworkInfo,
  RelationRef,
  SettableStatus,
} from './backend/backend.js';
export { HookToolBackend } from './backend/hook-tool-backend.js';
export { SocketToolRunner } from './backend/socket-tool-runner.js';
export type { SocketToolContext } from './backend/socket-tool-runner.js';
export { ProcessToolRunner } from './backend/tool-runner.js';
export type { ToolResult, ToolRunner } from './backend/tool-runner.js';
export { CharmBase } from './charm/charm-base.js';
export { CharmEvents, SecretEvent } from './charm/charm-events.js';
export type { RelationEvents, StorageEvents, WorkloadEvents } from './charm/charm-events.js';
export {
  ActionEvent,
  CollectStatusEvent,
  ConfigChangedEvent,
  HookEvent,
  InstallEvent,
  LeaderElectedEvent,
  LeaderSettingsChangedEvent,
  RelationBrokenEvent,
  RelationChangedEvent,
  RelationCreatedEvent,
  RelationDepartedEvent,
  RelationEvent,
  RelationJoinedEvent,
  RemoveEvent,
  StartEvent,
  StopEvent,
  UpdateStatusEvent,
  UpgradeCharmEvent,
} from './charm/hook-events.js';
export type { RelationEventArgs } from './charm/hook-events.js';
export { eventNameOf, jujuContext } from './juju-context.js';
export type { JujuContext } from './juju-context.js';
export { main, UNIT_STATE_FILE } from './main.js';
export { LegacyHookError } from './charm/legacy-hook.js';
export type { CharmType, MainOptions } from './main.js';
export {
  InvalidStatusError,
  ModelError,
  RelationDataAccessError,
  RelationDataError,
  RelationDataSchemaError,
  RelationDataTypeError,
  RelationNotFoundError,
  SchemaError,
  TooManyRelatedAppsError,
} from './model/errors.js';
export { ConfigData } from './model/config-data.js';
export type { FieldProblem, ObjectSchema, SchemaOutput } from './model/schema.js';
export type { BagOwner } from './model/bag-access.js';
export { Model } from './model/model.js';
export type { ModelOptions, Network } from './model/model.js';
export { Relation } from './model/relation.js';
export { RelationData, RelationDataContent } from './model/relation-data.js';
export {
  ActiveStatus,
  BlockedStatus,
  ErrorStatus,
  MaintenanceStatus,
  StatusBase,
  UnknownStatus,
  WaitingStatus,
  highestPriority,
} from './model/status.js';
export type { StatusName } from './model/status.js';
export { Application, Unit } from './model/unit.js';
