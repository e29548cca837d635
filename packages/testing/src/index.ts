/**
 * @loom/testing: tests of TypeScript charms whose hooks are exactly the engine's. TestModel runs
 * many charms against each other in one process through core's simulator; ContextBackend
 * answers @loom/ops from core's hook contexts.
 */
export { CharmSpecError, loadCharmSpec } from './charm-spec.js';
export type { CharmSpec } from './charm-spec.js';
export { ContextBackend } from './context-backend.js';
export type { ActionRecord, ContextBackendInit } from './context-backend.js';
export { opsHandler } from './ops-handler.js';
export type { HookFailure, OpsHandlerHost } from './ops-handler.js';
export { HookFailedError, TestModel } from './test-model.js';
export type { DeployOptions, TestModelOptions } from './test-model.js';
export { Harness, HarnessError } from './harness.js';
export type { HarnessOptions } from './harness.js';
export { ActionFailed, ActionParamsError, runAction } from './run-action.js';
export type { ActionOutput, ActionRun } from './run-action.js';
export { Context, UncaughtCharmError } from './state/context.js';
export { InconsistentStateError } from './state/consistency.js';
export { EVENTS } from './state/events.js';
export type { StateEvent, UnitHookName } from './state/events.js';
export {
  peerRelation,
  relation,
  state,
  StateValidationError,
  subordinateRelation,
} from './state/state.js';
export type {
  AnyRelation,
  Bag,
  DeferredNotice,
  PeerRelation,
  Relation,
  State,
  SubordinateRelation,
} from './state/state.js';
export { standInCharm } from './stand-in-charm.js';
export type { StandIn } from './stand-in-charm.js';
