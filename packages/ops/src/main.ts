/**
 * Running a charm in a hook (ops's main, spec/ops-api.md §3.1–§3.3): the context from Juju's
 * environment, the metadata from the charm directory, the framework on the unit's state file;
 * then a legacy hook runs if the charm has one, the charm is built, deferred events are handed
 * back first (and the queue logged, so it is never hidden), the hook's event is emitted,
 * collect-status sets the statuses, and everything is committed. If anything throws, nothing is committed: stored state and new deferrals roll
 * back with the hook, as Juju drops a failed hook's relation writes.
 */
import { join } from 'node:path';

import type { CharmMetadata } from '@loom/core';

import { hookToolRunner } from './backend/auto-tool-runner.js';
import type { Backend, JujuLogLevel } from './backend/backend.js';
import { HookToolBackend } from './backend/hook-tool-backend.js';
import type { CharmBase } from './charm/charm-base.js';
import { readCharmMetadata } from './charm/charm-metadata.js';
import { LegacyHookError, runLegacyHook } from './charm/legacy-hook.js';
import type { RelationEventArgs } from './charm/hook-events.js';
import type { BoundEvent, EventBase } from './framework/events.js';
import { ControllerUnitStateStore } from './framework/controller-unit-state.js';
import { Framework } from './framework/framework.js';
import { FileUnitStateStore } from './framework/unit-state.js';
import type { UnitStateStore } from './framework/unit-state.js';
import { jujuContext } from './juju-context.js';
import type { JujuContext } from './juju-context.js';
import { Model } from './model/model.js';
import { highestPriority } from './model/status.js';

/** The unit state file in the charm directory. */
export const UNIT_STATE_FILE = '.loom-unit-state.json';

/** A charm class. */
export type CharmType = new (framework: Framework) => CharmBase;

/** What `main` runs with; by default the process's. */
export interface MainOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Where stored state and deferred events live: `local` (default), a file in the charm
   * directory; `controller`, the controller's charm state (state-get / state-set), which
   * survives the loss of the unit's disk. Ignored when `store` is given.
   */
  readonly storage?: 'local' | 'controller';
  readonly store?: UnitStateStore;
  readonly backend?: Backend;
  /** The charm's metadata as loaded; by default read from the charm directory's files. */
  readonly metadata?: CharmMetadata;
  /** Whether to run a legacy `hooks/<name>` of the charm first (default true, as ops does). */
  readonly legacyHooks?: boolean;
  /** Told of the charm object once it is built (test kits keep it for inspection). */
  readonly onCharm?: (charm: CharmBase) => void;
}

/**
 * Runs the charm for the hook the environment names. Resolves when the hook is done and
 * committed; rejects (nothing committed) when anything failed.
 *
 * @example
 * // src/charm.ts
 * await main(DemoCharm);
 */
export async function main(charmType: CharmType, options: MainOptions = {}): Promise<void> {
  const env = options.env ?? process.env;
  // A charm that runs itself (a subprocess of a hook) must not dispatch again.
  if (env.OPERATOR_DISPATCH === '1') return;
  if (options.env === undefined) process.env.OPERATOR_DISPATCH = '1';
  const context = jujuContext(env);
  const backend =
    options.backend ??
    new HookToolBackend(
      hookToolRunner(
        env,
        context.agentSocket === undefined || env.JUJU_AGENT_SOCKET_NETWORK !== 'unix'
          ? undefined
          : {
              socketPath: context.agentSocket,
              contextId: context.contextId,
              cwd: context.charmDir,
            },
      ),
    );
  const logs: Promise<void>[] = [];
  const log = (level: JujuLogLevel, message: string) => {
    logs.push(backend.jujuLog(level, message).catch(() => undefined));
  };
  const meta = options.metadata ?? (await readCharmMetadata(context.charmDir));
  const framework = await Framework.load({
    store:
      options.store ??
      (options.storage === 'controller'
        ? new ControllerUnitStateStore(backend)
        : new FileUnitStateStore(join(context.charmDir, UNIT_STATE_FILE))),
    log,
  });
  const model = new Model({ backend, context, meta });
  framework.model = model;
  framework.meta = meta;
  // Metrics hooks are restricted (§3.1.6): no deferred events, no collect-status.
  const restricted = RESTRICTED_EVENTS.has(context.eventName);
  try {
    if (options.legacyHooks !== false)
      await runLegacyHook(
        context,
        env,
        options.env === undefined ? process.argv[1] : undefined,
        (message) => {
          log('WARNING', message);
        },
      );
    const charm = new charmType(framework);
    options.onCharm?.(charm);
    if (!restricted) {
      logDeferred(framework, log);
      await framework.reemit();
    }
    await emitHookEvent(charm, context, log);
    if (!restricted) await collectStatus(charm, model);
    await framework.commit();
  } catch (error) {
    // A failed legacy hook ends a real hook with its own exit code, as in ops.
    if (error instanceof LegacyHookError && options.env === undefined) {
      await Promise.all(logs);
      process.stderr.write(`${error.message}\n`);
      process.exit(error.exitCode);
    }
    throw error;
  } finally {
    await Promise.all(logs);
  }
}

/** Events whose dispatch neither hands back deferred events nor collects statuses. */
const RESTRICTED_EVENTS = new Set(['collect_metrics', 'meter_status_changed']);

/** Logs the deferred queue every hook: how many, and which (event → observer). */
function logDeferred(
  framework: Framework,
  log: (level: JujuLogLevel, message: string) => void,
): void {
  const deferred = framework.deferredEvents();
  if (deferred.length === 0) return;
  const list = deferred.map((event) => `${event.eventPath} → ${event.observer}`).join(', ');
  log(
    'INFO',
    `re-emitting ${deferred.length} deferred event${deferred.length === 1 ? '' : 's'}: ${list}`,
  );
}

async function emitHookEvent(
  charm: CharmBase,
  context: JujuContext,
  log: (level: JujuLogLevel, message: string) => void,
): Promise<void> {
  const bound = charm.on.event(context.eventName);
  if (bound === undefined) {
    log('DEBUG', `the charm defines no event ${context.eventName}; nothing to emit`);
    return;
  }
  if (/_relation_(created|joined|changed|departed|broken)$/.test(context.eventName)) {
    const args: RelationEventArgs = {
      relationName: context.relationName ?? '',
      relationId: context.relationId ?? -1,
      appName: context.remoteAppName,
      unitName: /_relation_(created|broken)$/.test(context.eventName)
        ? undefined
        : context.remoteUnitName,
      departingUnitName: context.departingUnitName,
    };
    await (bound as BoundEvent<EventBase, [RelationEventArgs]>).emit(args);
    return;
  }
  if (context.eventName.endsWith('_action')) {
    await (bound as BoundEvent<EventBase, [string]>).emit(context.actionUuid ?? '');
    return;
  }
  await (bound as BoundEvent<EventBase, []>).emit();
}

/**
 * collect-status: the app status if we lead, then the unit's; the highest priority of each.
 * Leadership is asked only when something observes collect-app-status: a tool call saved.
 */
async function collectStatus(charm: CharmBase, model: Model): Promise<void> {
  if (charm.framework.isObserved(charm.on.collectAppStatus) && (await model.isLeader())) {
    await charm.on.collectAppStatus.emit();
    const app = highestPriority(model.collectedStatuses.app);
    if (app !== undefined) await model.app.setStatus(app);
  }
  await charm.on.collectUnitStatus.emit();
  const unit = highestPriority(model.collectedStatuses.unit);
  if (unit !== undefined) await model.unit.setStatus(unit);
}
