/**
 * The API's methods: each is `POST /api/v1/<method>` with a JSON body checked against its
 * schema here, answered with the reply type of `ApiReplies`.
 */
import type { z } from 'zod';

import {
  agentCharmRequest,
  agentClaimLeadershipRequest,
  agentAcquireHookSlotRequest,
  agentReleaseHookSlotRequest,
  agentCommitHookRequest,
  agentFailHookRequest,
  agentLeaderSetRequest,
  agentLogRequest,
  agentOperationFinishedRequest,
  agentOperationStartedRequest,
  agentRelationGetRequest,
  agentRunOperationRequest,
  agentSetStatusRequest,
  agentSetWorkloadVersionRequest,
  agentStartRequest,
} from './agent-requests.js';
import {
  addUnitRequest,
  deployBundleRequest,
  deployRequest,
  getConfigRequest,
  integrateRequest,
  removeApplicationRequest,
  removeRelationRequest,
  removeUnitRequest,
  resolveRequest,
  setConfigRequest,
} from './application-requests.js';
import {
  consumeRequest,
  listOffersRequest,
  offerRequest,
  removeOfferRequest,
  removeSaasRequest,
  resumeRelationRequest,
  showOfferRequest,
  suspendRelationRequest,
} from './cross-model-requests.js';
import { debugLogRequest } from './log-requests.js';
import {
  addModelRequest,
  destroyModelRequest,
  exportModelRequest,
  listModelsRequest,
  showUnitRequest,
  statusRequest,
} from './model-requests.js';
import {
  execRequest,
  listOperationsRequest,
  runActionRequest,
  showOperationRequest,
} from './operation-requests.js';
import type { ApiReplies } from './replies.js';

/** Method name → request schema. */
export const API_METHODS = {
  'add-model': addModelRequest,
  models: listModelsRequest,
  'destroy-model': destroyModelRequest,
  status: statusRequest,
  'show-unit': showUnitRequest,
  'export-model': exportModelRequest,
  deploy: deployRequest,
  'deploy-bundle': deployBundleRequest,
  'add-unit': addUnitRequest,
  'remove-unit': removeUnitRequest,
  'remove-application': removeApplicationRequest,
  integrate: integrateRequest,
  'remove-relation': removeRelationRequest,
  offer: offerRequest,
  offers: listOffersRequest,
  'show-offer': showOfferRequest,
  'remove-offer': removeOfferRequest,
  consume: consumeRequest,
  'remove-saas': removeSaasRequest,
  'suspend-relation': suspendRelationRequest,
  'resume-relation': resumeRelationRequest,
  config: getConfigRequest,
  configure: setConfigRequest,
  resolve: resolveRequest,
  exec: execRequest,
  'run-action': runActionRequest,
  'show-operation': showOperationRequest,
  operations: listOperationsRequest,
  'debug-log': debugLogRequest,
  'agent/start': agentStartRequest,
  'agent/run-operation': agentRunOperationRequest,
  'agent/commit-hook': agentCommitHookRequest,
  'agent/fail-hook': agentFailHookRequest,
  'agent/claim-leadership': agentClaimLeadershipRequest,
  'agent/acquire-hook-slot': agentAcquireHookSlotRequest,
  'agent/release-hook-slot': agentReleaseHookSlotRequest,
  'agent/relation-get': agentRelationGetRequest,
  'agent/set-status': agentSetStatusRequest,
  'agent/set-workload-version': agentSetWorkloadVersionRequest,
  'agent/leader-set': agentLeaderSetRequest,
  'agent/log': agentLogRequest,
  'agent/operation-started': agentOperationStartedRequest,
  'agent/operation-finished': agentOperationFinishedRequest,
  'agent/charm': agentCharmRequest,
} as const satisfies { readonly [M in keyof ApiReplies]: z.ZodType };

/** A method's name. */
export type ApiMethod = keyof typeof API_METHODS;

/** What a caller sends to a method. */
export type ApiRequest<M extends ApiMethod> = z.input<(typeof API_METHODS)[M]>;

/** What the controller reads from a method's body, once validated. */
export type ApiInput<M extends ApiMethod> = z.output<(typeof API_METHODS)[M]>;

/** What a method answers. */
export type ApiReply<M extends ApiMethod> = ApiReplies[M];

/** Whether a name is a method of the API. */
export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(API_METHODS, name);
}

/** The path of a method: `/api/v1/<method>`. */
export function methodPath(method: ApiMethod): string {
  return `${API_PREFIX}${method}`;
}

/** Every method's path starts with this. */
export const API_PREFIX = '/api/v1/';

/** The WebSocket endpoint for watches. */
export const WATCH_PATH = '/api/v1/watch';
