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
export { formatProblem, isError, sortProblems } from './charm/problem.js';
export type {
  CharmProblem,
  CharmProblemCode,
  Problem,
  ProblemSeverity,
  SourceLocation,
} from './charm/problem.js';
export type { DataObject, DataValue } from './charm/yaml-file.js';
export {
  CANNOT_WRITE_RELATION_SETTINGS,
  PERMISSION_DENIED,
  applicationOfUnit,
  canReadBag,
  canWriteBag,
} from './databags/bag-permissions.js';
export type { AccessDecision, BagAccess } from './databags/bag-permissions.js';
export { unitsNotifiedOfBagChange } from './databags/bag-watchers.js';
export { changeIdentity } from './model/changes.js';
export type { ModelChange, ModelSequences } from './model/changes.js';
export type {
  Application,
  Bag,
  BagOwner,
  CrossModelLink,
  Offer,
  RemoteApplication,
  RemoteEndpoint,
  Life,
  Machine,
  Membership,
  OpenedPort,
  PortProtocol,
  Relation,
  RelationEndpoint,
  RelationStatus,
  Status,
  Unit,
} from './model/entities.js';
export {
  applicationBagKey,
  compareNames,
  endpointReference,
  relationKey,
  relationReference,
  relationTag,
  scopeKey,
  sortEndpoints,
  unitBagKey,
} from './model/keys.js';
export { applyChanges } from './model/apply-changes.js';
export { EMPTY_BAG, emptyModel } from './model/model-state.js';
export type { ModelIndex, ModelState, RelationBags } from './model/model-state.js';
export {
  applicationBag,
  counterpartApplication,
  counterpartRole,
  endpointOf,
  isContainerRelation,
  isPeerRelation,
  leaderOf,
  membershipOf,
  principalName,
  relationByKey,
  relationsInScope,
  relationsOf,
  subordinatesOf,
  unitBag,
  unitSeesRelation,
  unitsOf,
} from './model/queries.js';
export {
  applyPortChanges,
  formatPortRange,
  parsePortRange,
  portsConflict,
  samePort,
} from './model/ports.js';
export type { MachinePorts, PortChanges } from './model/ports.js';
export { rebuildIndex } from './model/rebuild-index.js';
export { refuse } from './model/refusal.js';
export type { Applied, OperationResult, Refusal, RefusalCode } from './model/refusal.js';
export { addUnit } from './operations/add-unit.js';
export { applicationNotFound } from './operations/internal/endpoint-names.js';
export type { AddUnitInput } from './operations/add-unit.js';
export { commitBagWrite } from './operations/bag-write.js';
export type { BagWriteInput, BagWritten } from './operations/bag-write.js';
export { configureApplication } from './operations/configure.js';
export { deploy } from './operations/deploy.js';
export type { DeployInput, Deployed } from './operations/deploy.js';
export { canRelate, containerScopeOk, inferEndpoints } from './operations/infer-endpoints.js';
export { addRelation, integrate } from './operations/integrate.js';
export type { IntegrateInput, Integrated } from './operations/integrate.js';
export { setLeader } from './operations/leadership.js';
export { removeApplication } from './operations/remove-application.js';
export { removeRelation } from './operations/remove-relation.js';
export type { RemoveRelationInput } from './operations/remove-relation.js';
export { markUnitDeparting, removeUnit, unitDead } from './operations/remove-unit.js';
export { enterScope, initialUnitSettings, leaveScope } from './operations/scope.js';
export type { EnterScopeInput } from './operations/scope.js';
export {
  destroyOrphanedSubordinate,
  destroySubordinates,
  subordinateIsOrphaned,
} from './operations/subordinates.js';
export { setUnitStatus } from './operations/unit-status.js';
export { consume, removeSaas, terminateSaas } from './operations/consume.js';
export type { ConsumedOffer } from './operations/consume.js';
export { offer, offerRelations, removeOffer } from './operations/offer.js';
export type { OfferInput } from './operations/offer.js';
export {
  linkRemoteRelation,
  registerRemoteRelation,
  syncRemoteRelation,
} from './operations/remote-relation.js';
export type { RemoteRelationRegistration } from './operations/remote-relation.js';
export { setRelationSuspended } from './operations/suspend-relation.js';
export { relationCrossing } from './cross-model/crossing.js';
export { pendingRegistration } from './cross-model/registration.js';
export { crossModelSteps } from './cross-model/exchange.js';
export { consumableOffer, offeredEndpoints } from './cross-model/consumable-offer.js';
export type { CrossModelStep } from './cross-model/exchange.js';
export type { RelationCrossing } from './cross-model/crossing.js';
export { formatOfferUrl, looksLikeOfferUrl, parseOfferUrl } from './cross-model/offer-url.js';
export type { OfferUrl } from './cross-model/offer-url.js';
export {
  consumerProxyName,
  isRemoteUnit,
  remoteMembers,
  remoteUnitName,
  unitNumber,
} from './cross-model/remote-units.js';
export { observedMembers, observedVersion, unitSnapshot } from './uniter/unit-snapshot.js';
export type { RelationSnapshot, UnitSnapshot } from './uniter/unit-snapshot.js';
export { HookContext, WORKLOAD_STATUSES } from './hook-context/hook-context.js';
export type {
  HookContextInit,
  ImmediateEffects,
  LogLevel,
  RelationGetOptions,
} from './hook-context/hook-context.js';
export { HookToolError, usageError } from './hook-context/hook-tool-error.js';
export type { HookToolErrorCode } from './hook-context/hook-tool-error.js';
export { DEFAULT_ACTION_FAILURE, setActionResults } from './hook-context/action-results.js';
export type { ActionResults } from './hook-context/action-results.js';
export { MemberBagCache } from './hook-context/member-cache.js';
export {
  applicationStatusAnswer,
  egressSubnets,
  goalStateAnswer,
  networkAnswer,
  statusAnswer,
  unitBindings,
  unitStatusAnswer,
} from './hook-context/tool-answers.js';
export type { AnswerValue } from './hook-context/tool-answers.js';
export { EMPTY_MEMBERS, memberTreeOf } from './model/member-tree.js';
export type { MemberTree } from './model/member-tree.js';
export { afterHookEffects, commitHook } from './operations/commit-hook.js';
export type { HookCommit, RelationSettingsWrite } from './operations/commit-hook.js';
export { NOT_THE_LEADER, writeLeaderSettings } from './operations/leader-settings.js';
export { NOT_LEADER_FOR_STATUS, setApplicationStatus } from './operations/unit-status.js';
export { describeHook } from './simulator/hook-record.js';
export { simulatorEffects } from './simulator/run-hook.js';
export type { HookRecord } from './simulator/hook-record.js';
export {
  NotSettledError,
  OperationRefusedError,
  SimulationError,
} from './simulator/simulation-error.js';
export type { CharmHandler } from './simulator/simulation-host.js';
export { Simulator } from './simulator/simulator.js';
export type { SettleReport, SimulatorOptions } from './simulator/simulator.js';
export type { Stepping } from './simulator/stepping.js';
export type { LogLine } from './simulator/unit-runner.js';
export { unitsAffectedBy } from './uniter/affected-units.js';
export { commitOperation } from './uniter/commit-operation.js';
export {
  hookRelation,
  hookVariables,
  isRelationHook,
  relationHook,
  unitHook,
} from './uniter/hook.js';
export type { Hook, HookKind, HookRelation } from './uniter/hook.js';
export { decideNextOperation, nextOperation } from './uniter/next-operation.js';
export type { WorkFinder } from './uniter/next-operation.js';
export { UnitResolver } from './uniter/unit-resolver.js';
export { resolveFailedHook, restartUniter } from './uniter/uniter-lifecycle.js';
export { compatibility, JUJU_COMPATIBILITY, JUJU_VERSION } from './uniter/uniter-options.js';
export type { CompatibilityOptions } from './uniter/uniter-options.js';
export type { OperationOutcome, UniterOperation } from './uniter/uniter-operation.js';
export { initialUniterState } from './uniter/uniter-state.js';
export type { RelationState, Resolution, UniterState } from './uniter/uniter-state.js';
export { readBundle } from './bundle/read-bundle.js';
export type { BundleReadResult } from './bundle/read-bundle.js';
export { deployBundle } from './bundle/deploy-bundle.js';
export { bundleRefusal } from './bundle/bundle.js';
export type { BundleCharm, BundleDeployResult, BundleStep } from './bundle/deploy-bundle.js';
export type {
  BundleApplication,
  BundleMachine,
  BundleProblem,
  BundleProblemCode,
  BundleRelation,
  BundleSpec,
} from './bundle/bundle.js';
