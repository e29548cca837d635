/** Every method's handler, and calling one with a validated body. */
import { API_METHODS, parseRequest } from '@loom/protocol';
import type { ApiMethod, ApiReply } from '@loom/protocol';

import type { Handler, HandlerContext, Handlers } from './handler.js';
import { agentHandlers } from './handlers/agent-handlers.js';
import { applicationHandlers } from './handlers/application-handlers.js';
import { bundleHandlers } from './handlers/bundle-handlers.js';
import { crossModelHandlers } from './handlers/cross-model-handlers.js';
import { logHandlers } from './handlers/log-handlers.js';
import { modelHandlers } from './handlers/model-handlers.js';
import { operationHandlers } from './handlers/operation-handlers.js';

const HANDLERS: Handlers<ApiMethod> = {
  ...modelHandlers,
  ...applicationHandlers,
  ...bundleHandlers,
  ...crossModelHandlers,
  ...operationHandlers,
  ...logHandlers,
  ...agentHandlers,
};

/**
 * Validates `body` for `method` and runs its handler.
 *
 * @throws RequestValidationError naming the wrong field; whatever the handler throws.
 */
export function dispatch(
  method: ApiMethod,
  body: unknown,
  context: HandlerContext,
): Promise<ApiReply<ApiMethod>> {
  const input = parseRequest(method, API_METHODS[method], body);
  const handler: Handler<ApiMethod> = HANDLERS[method];
  return handler(input, context);
}
