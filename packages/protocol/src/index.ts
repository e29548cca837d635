/**
 * @loom/protocol: Loom's wire contracts. The controller API's methods with their request schemas
 * and reply types, the watch protocol, JSON codecs of core's values, the controller's home
 * layout, and the client every other process uses to talk to the controller.
 */
export { httpStatusOf, isApiErrorBody } from './api/api-error.js';
export type { ApiErrorBody, ApiErrorCode } from './api/api-error.js';
export {
  agentCommitHookRequest,
  agentRunOperationRequest,
  logRecordInput,
  uniterOperationDocument,
} from './api/agent-requests.js';
export type { UniterOperationDocument } from './api/agent-requests.js';
export { charmFile, charmSource } from './api/application-requests.js';
export { LOG_LEVELS, logFilter } from './api/log-requests.js';
export { API_METHODS, API_PREFIX, isApiMethod, methodPath, WATCH_PATH } from './api/methods.js';
export type { ApiInput, ApiMethod, ApiReply, ApiRequest } from './api/methods.js';
export type {
  AgentStartReply,
  ApiReplies,
  ApplicationStatusDocument,
  CharmFileDocument,
  ConfigDocument,
  ConfigOptionDocument,
  LeadershipReply,
  LogRecordDocument,
  CommittedReply,
  ModelListing,
  ModelSummary,
  OfferConnectionDocument,
  OfferDocument,
  OperationDocument,
  OperationStatus,
  RelatedApplicationDocument,
  RelationStatusDocument,
  RemoteEndpointDocument,
  SaasStatusDocument,
  ShowUnitDocument,
  StatusDocument,
  UnitRelationDataDocument,
  UnitRelationInfoDocument,
  UnitStatusDocument,
} from './api/replies.js';
export { isOpenOperation } from './api/replies.js';
export { parseRequest } from './api/validate.js';
export { watchRequest } from './api/watch-messages.js';
export type { WatchMessage, WatchRequest } from './api/watch-messages.js';
export { ApiClient } from './client/api-client.js';
export type { ApiClientOptions, Watch } from './client/api-client.js';
export { decodeChange, encodeChange } from './codec/change-codec.js';
export type { ChangeDocument } from './codec/change-codec.js';
export {
  decodeApplication,
  decodeBag,
  decodeOwner,
  encodeApplication,
  encodeBag,
  encodeOwner,
} from './codec/entity-codec.js';
export {
  decodeHookCommit,
  EMPTY_HOOK_COMMIT,
  hookCommitDocument,
  openedPortDocument,
} from './codec/hook-commit-codec.js';
export type { HookCommitDocument } from './codec/hook-commit-codec.js';
export { decodeHook, encodeHook, hookDocument } from './codec/hook-codec.js';
export type { HookDocument } from './codec/hook-codec.js';
export { decodeModel, encodeModel, modelDocumentChanges } from './codec/model-codec.js';
export type {
  ApplicationDocument,
  BagDocument,
  LeaderSettingsDocument,
  ModelDocument,
} from './codec/model-document.js';
export { mapToObject, objectToMap } from './codec/plain-maps.js';
export {
  decodeUniterState,
  encodeUniterState,
  uniterStateDocument,
} from './codec/uniter-state-codec.js';
export type { UniterStateDocument } from './codec/uniter-state-codec.js';
export { MAX_CHARM_BYTES, readCharmFiles } from './charm-upload.js';
export { charmMetadataFiles } from './charm-metadata-files.js';
export { readCharmSource } from './charm-source.js';
export { readCharmArchive } from './charm-zip.js';
export { writeCharmArchive } from './charm-zip-writer.js';
export type { CharmArchiveFile, CharmArchiveOptions } from './charm-zip-writer.js';
export {
  controllerHome,
  controllerPaths,
  processAlive,
  readCredentials,
  runningControllerPid,
} from './controller-home.js';
export type { ControllerCredentials, ControllerPaths } from './controller-home.js';
export {
  ApiCallError,
  ControllerUnreachableError,
  ProtocolError,
  RequestValidationError,
} from './protocol-error.js';
export { applicationName, MODEL_NAME_PATTERN, modelName, unitName } from './schemas/names.js';
