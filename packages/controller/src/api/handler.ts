/**
 * API handlers: one function per method, given the validated request and the controller's
 * services. Handlers are thin: they find the model, plan a core operation and let the model host
 * commit it (DESIGN "Compatibility": thin handlers over core).
 */
import type { ApiInput, ApiMethod, ApiReply } from '@loom/protocol';
import type { Store } from '@loom/store';

import type { HookSlots } from '../agents/hook-slots.js';
import type { Clock } from '../clock/clock.js';
import type { DebugLog } from '../debug-log/debug-log.js';
import type { LeaseKeeper } from '../leadership/lease-keeper.js';
import type { ModelRegistry } from '../model/model-registry.js';

/** What handlers work with. */
export interface HandlerContext {
  readonly registry: ModelRegistry;
  readonly store: Store;
  readonly clock: Clock;
  readonly leases: LeaseKeeper;
  readonly debugLog: DebugLog;
  readonly hookSlots: HookSlots;
}

/** The handler of one method. */
export type Handler<M extends ApiMethod> = (
  input: ApiInput<M>,
  context: HandlerContext,
) => Promise<ApiReply<M>>;

/** Handlers of some methods. */
export type Handlers<M extends ApiMethod> = { readonly [K in M]: Handler<K> };
