/**
 * One unit's agent (R5.1, R5.2): watch → snapshot → `nextOperation` → run → commit, until the
 * unit is gone. Its uniter state lives on the controller, stored with every operation, so an agent
 * killed at any point starts again where the last committed operation left it (R5.24).
 */
import { mkdir } from 'node:fs/promises';

import {
  applicationOfUnit,
  commitOperation,
  initialUniterState,
  MemberBagCache,
  resolveFailedHook,
  restartUniter,
  UnitResolver,
  unitSnapshot,
} from '@loom/core';
import type { UniterOperation } from '@loom/core';
import {
  ApiCallError,
  decodeUniterState,
  encodeUniterState,
  isOpenOperation,
} from '@loom/protocol';
import type { ApiClient, Watch, WatchMessage } from '@loom/protocol';

import type { MachineLock } from '../hooks/machine-lock.js';
import type { ModelMirror } from '../mirror/model-mirror.js';
import { ToolServer } from '../tool-server/tool-server.js';
import { deployCharm } from './charm-directory.js';
import { LeadershipClaims } from './leadership-claims.js';
import type { LogSink } from './log-sink.js';
import { runHookOperation } from './run-hook.js';
import { runOperationRecord } from './run-operation-record.js';
import { unitPaths } from './unit-paths.js';
import type { UnitRuntime } from './unit-runtime.js';

/** What a unit agent is started with, by its machine agent. */
export interface UnitAgentOptions {
  readonly client: ApiClient;
  readonly model: string;
  readonly unit: string;
  readonly machineDir: string;
  readonly toolsDir: string;
  readonly address: string;
  readonly apiAddress: string;
  readonly mirror: ModelMirror;
  readonly lock: MachineLock;
  readonly logs: LogSink;
  readonly hookTimeoutMs: number | undefined;
  readonly report: (error: unknown) => void;
}

/** A running unit agent. */
export class UnitAgent {
  private stopped = false;
  private wake: (() => void) | undefined;
  private dirty = true;
  private latest: Extract<WatchMessage, { type: 'unit' }> | undefined;
  private watch: Watch | undefined;
  private readonly leadership: LeadershipClaims;
  /**
   * Operations this agent took on; a message older than their end may still list them. Others
   * found running were started by an agent that was killed.
   */
  private readonly started = new Set<number>();
  /** Resolves when the loop has ended (the unit is gone, or the agent stopped). */
  readonly done: Promise<void>;

  private constructor(
    private readonly runtime: UnitRuntime,
    private readonly options: UnitAgentOptions,
  ) {
    this.leadership = new LeadershipClaims(
      options.client,
      options.model,
      options.unit,
      options.report,
    );
    this.done = this.loop();
  }

  /** Starts the agent of `options.unit`: its charm, its tool socket, its watch, its loop. */
  static async start(options: UnitAgentOptions): Promise<UnitAgent> {
    const { client, model, unit } = options;
    const started = await client.call('agent/start', { model, unit });
    const paths = unitPaths(options.machineDir, unit);
    await mkdir(paths.directory, { recursive: true, mode: 0o700 });
    await deployCharm(client, model, applicationOfUnit(unit), paths.charmDir, started.charmUrl);
    const stored =
      started.uniterState === null ? undefined : decodeUniterState(started.uniterState);
    const resolver = new UnitResolver(
      stored === undefined ? initialUniterState(unit) : restartUniter(stored),
    );
    const tools = await ToolServer.listen(paths.socket);
    const runtime: UnitRuntime = {
      client,
      model,
      unit,
      machine: started.machine,
      address: options.address,
      mirror: options.mirror,
      resolver,
      memberCache: new MemberBagCache(),
      tools,
      environment: {
        unit,
        modelName: model,
        modelUuid: started.modelUuid,
        machine: started.machine,
        principal: started.principal ?? '',
        charmDir: paths.charmDir,
        socketPath: paths.socket,
        toolsDir: options.toolsDir,
        apiAddress: options.apiAddress,
        agentPath: process.env.PATH ?? '/usr/bin:/bin',
      },
      logs: options.logs,
      lock: options.lock,
      hookTimeoutMs: options.hookTimeoutMs,
      statusEverSet: false,
    };
    const agent = new UnitAgent(runtime, options);
    agent.watch = client.watch({ watch: 'unit', model, unit }, (message) => {
      if (message.type !== 'unit') return;
      agent.latest = message;
      agent.poke();
    });
    agent.leadership.start(() => {
      agent.poke();
    });
    return agent;
  }

  /** Stops after the operation in progress; its state is on the controller. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.poke();
    this.watch?.close();
    this.leadership.stop();
    await this.done;
    await this.runtime.tools.close();
  }

  private poke(): void {
    this.dirty = true;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      if (!this.dirty) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        this.wake = undefined;
        continue;
      }
      this.dirty = false;
      try {
        if (!(await this.step())) return;
      } catch (error) {
        this.options.report(error);
        // Try again shortly: the controller may be restarting.
        await new Promise((resolve) => setTimeout(resolve, 500));
        this.dirty = true;
      }
    }
  }

  /** Runs at most one operation; false once the unit is gone. */
  private async step(): Promise<boolean> {
    const { client, model, unit, resolver, mirror } = this.runtime;
    // The unit's view, computed from the mirror once it holds what the watch last announced.
    await mirror.whenAt(this.latest?.revision ?? 0);
    const snapshot = unitSnapshot(mirror.state, unit);
    if (snapshot === undefined) return false;
    const resolution = this.latest?.resolution ?? null;
    if (
      resolution !== null &&
      resolver.state.failed !== undefined &&
      resolver.state.resolution === undefined
    ) {
      const resolved = resolveFailedHook(resolver.state, resolution);
      if (!('ok' in resolved)) resolver.replace(resolved);
    }
    const operation = resolver.next(snapshot);
    if (operation !== undefined) {
      this.dirty = true;
      await this.execute(operation);
      return true;
    }
    // Nothing for the uniter: run an exec or action queued for the unit, oldest first.
    const queued = this.latest?.operations.find(
      (candidate) => isOpenOperation(candidate) && !this.started.has(candidate.id),
    );
    if (queued === undefined) return true;
    this.dirty = true;
    this.started.add(queued.id);
    if (queued.status === 'running') {
      // Started by an agent that was killed: its outcome is unknown, so it failed.
      await client.call('agent/operation-finished', {
        model,
        unit,
        id: queued.id,
        status: 'failed',
        results: {},
        message: 'the unit agent restarted while this ran',
      });
      return true;
    }
    await runOperationRecord(this.runtime, queued);
    return true;
  }

  private async execute(operation: UniterOperation): Promise<void> {
    const runtime = this.runtime;
    if (operation.kind === 'run-hook') {
      await runHookOperation(runtime, operation);
      return;
    }
    const next = commitOperation(runtime.resolver.state, operation, 'succeeded');
    try {
      const { revision } = await runtime.client.call('agent/run-operation', {
        model: runtime.model,
        unit: runtime.unit,
        operation,
        uniterState: encodeUniterState(next),
        ...(operation.kind === 'enter-scope' ? { ingressAddress: runtime.address } : {}),
      });
      runtime.resolver.commit(operation, 'succeeded');
      await runtime.mirror.whenAt(revision);
    } catch (error) {
      // The model moved on (the controller refused the step): decide again on the next change.
      if (!(error instanceof ApiCallError) || error.status >= 500) throw error;
      this.dirty = false;
    }
  }
}
