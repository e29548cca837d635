/**
 * A controller: the models in memory over a store, leadership leases, the debug log, watches,
 * and the API serving them on 127.0.0.1. The daemon wraps it with its home directory; tests
 * start it directly over an in-memory store and a fake clock.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Store } from '@loom/store';

import { HookSlots } from './agents/hook-slots.js';
import { handleHttp } from './api/http-api.js';
import type { HandlerContext } from './api/handler.js';
import { WatchApi } from './api/watch-api.js';
import { systemClock } from './clock/clock.js';
import type { Clock } from './clock/clock.js';
import { CrossModelExchange } from './cross-model/exchange-worker.js';
import { DebugLog } from './debug-log/debug-log.js';
import { DEFAULT_LEASE_DURATION_MS, LeaseKeeper } from './leadership/lease-keeper.js';
import { ModelRegistry } from './model/model-registry.js';
import { WatchHub } from './watch/watch-hub.js';

/** How a controller runs. */
export interface ControllerOptions {
  readonly store: Store;
  /** The API token every call must carry. */
  readonly token: string;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** The TCP port on 127.0.0.1; default 0 (any free port). */
  readonly port?: number;
  /** Leadership lease duration; default 60 s. */
  readonly leaseDurationMs?: number;
  /** How many hooks may run at once across the controller; default: the number of cores. */
  readonly hookConcurrency?: number;
  /** The largest request body; default 64 MiB (charm uploads). */
  readonly maxBodyBytes?: number;
  /** Where unexpected failures are reported; default stderr. */
  readonly report?: (error: unknown) => void;
}

/** A running controller. */
export class Controller {
  private constructor(
    private readonly server: Server,
    private readonly watchApi: WatchApi,
    private readonly context: HandlerContext,
    readonly hub: WatchHub,
    /** The exchange between this controller's models (spec §8). */
    readonly exchange: CrossModelExchange,
  ) {}

  /**
   * Loads every model from the store and starts serving.
   *
   * @example
   * const controller = await Controller.start({ store: new MemoryStore(), token });
   * const client = new ApiClient({ address: controller.address, token });
   */
  static async start(options: ControllerOptions): Promise<Controller> {
    const clock = options.clock ?? systemClock;
    const report =
      options.report ??
      ((error: unknown) => {
        console.error(error);
      });
    const registry = new ModelRegistry(options.store, clock, report);
    await registry.load();
    const leases = new LeaseKeeper(
      registry,
      clock,
      { durationMs: options.leaseDurationMs ?? DEFAULT_LEASE_DURATION_MS },
      report,
    );
    const hosts = registry.list().map((model) => registry.get(model.name));
    leases.start(hosts);
    const debugLog = new DebugLog(options.store, clock);
    const hub = new WatchHub(registry);
    const exchange = new CrossModelExchange(registry, debugLog, report);
    exchange.start();
    const hookSlots = new HookSlots(options.hookConcurrency);
    // A removed unit gives back a slot its agent could no longer return.
    registry.onCommit((committed) => {
      for (const change of committed.changes)
        if (change.kind === 'unit' && change.unit === undefined)
          hookSlots.release(committed.model, change.name);
    });
    const context: HandlerContext = {
      registry,
      store: options.store,
      clock,
      leases,
      debugLog,
      hookSlots,
    };
    const watchApi = new WatchApi(hub, debugLog, options.token);
    const httpOptions = {
      token: options.token,
      maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024,
      report,
    };
    const server = createServer((request, response) => {
      void handleHttp(request, response, context, httpOptions);
    });
    // Agents call several times per hook over kept-alive connections; their clients close idle
    // ones after 10 s, so the controller never closes one under a request being sent.
    server.keepAliveTimeout = 30_000;
    server.on('upgrade', (request, socket, head: Buffer) => {
      watchApi.upgrade(request, socket, head);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new Controller(server, watchApi, context, hub, exchange);
  }

  /** `http://127.0.0.1:<port>`. */
  get address(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The controller's models. */
  get registry(): ModelRegistry {
    return this.context.registry;
  }

  /** Stops serving (finishing calls in flight), stops lease timers and closes the store. */
  async close(): Promise<void> {
    this.context.leases.stop();
    await this.exchange.idle();
    this.watchApi.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
      this.server.closeIdleConnections();
    });
    await this.context.store.close();
  }
}
