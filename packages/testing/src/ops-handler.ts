/**
 * Runs a TypeScript charm for one hook of core's simulator: @loom/ops's own main() with the
 * hook's `JUJU_*` environment, a ContextBackend over the hook's context, and stored state and
 * deferred events kept as the unit's charm state — so they are committed with the hook's other
 * writes, and rolled back with them when it fails (R4.10).
 */
import type { CharmHandler, CharmMetadata, HookContext, ModelState } from '@loom/core';
import { ControllerUnitStateStore, main } from '@loom/ops';
import type { CharmBase, CharmType } from '@loom/ops';

import { ContextBackend } from './context-backend.js';

/** A hook whose charm code threw: where, and the error with its stack. */
export interface HookFailure {
  readonly unit: string;
  readonly hook: string;
  readonly error: unknown;
}

/** What running a charm needs from the model around it. */
export interface OpsHandlerHost {
  readonly model: () => ModelState;
  readonly addressOf: (unit: string) => string;
  /** Told of each failed hook before the simulator records it. */
  readonly failed: (failure: HookFailure) => void;
  /** Addresses of particular bindings of a unit, instead of its machine's. */
  readonly networksOf?: (unit: string) => Readonly<Record<string, string>> | undefined;
  /** Told of the charm object each hook builds. */
  readonly charmBuilt?: (unit: string, charm: CharmBase) => void;
  /** Whether the charm's code runs for this unit's hook now; by default always. */
  readonly runsOn?: (unit: string) => boolean;
}

/** The simulator handler that runs `charmType` (whose metadata is `metadata`) for each hook. */
export function opsHandler(
  charmType: CharmType,
  metadata: CharmMetadata,
  host: OpsHandlerHost,
): CharmHandler {
  return async (context: HookContext) => {
    if (host.runsOn?.(context.unit) === false) return;
    const hook = context.hook?.name ?? '';
    const networks = host.networksOf?.(context.unit);
    const backend = new ContextBackend({
      context,
      model: host.model,
      address: host.addressOf(context.unit),
      ...(networks === undefined ? {} : { networks }),
    });
    try {
      await main(charmType, {
        env: { ...context.environment, JUJU_DISPATCH_PATH: `hooks/${hook}` },
        metadata,
        backend,
        store: new ControllerUnitStateStore(backend),
        legacyHooks: false,
        onCharm: (charm) => host.charmBuilt?.(context.unit, charm),
      });
    } catch (error) {
      host.failed({ unit: context.unit, hook, error });
      throw error;
    }
  };
}
