/**
 * A machine agent (DESIGN "Process model"): one process per machine of a model, started by the
 * controller. It keeps a mirror of the model, puts the hook tools in the machine's tools
 * directory, and runs a unit agent for every unit on the machine (subordinates included), one
 * hook at a time across them (the machine lock).
 */
import { join } from 'node:path';

import { installHookTools } from '@loom/hook-tools';
import type { ApiClient } from '@loom/protocol';

import { MachineLock } from './hooks/machine-lock.js';
import { ModelMirror } from './mirror/model-mirror.js';
import { LogSink } from './unit/log-sink.js';
import { UnitAgent } from './unit/unit-agent.js';

/** What a machine agent runs with. */
export interface MachineAgentOptions {
  readonly client: ApiClient;
  readonly model: string;
  readonly machine: string;
  /** This machine's directory: units, hook-tool sockets, tools. */
  readonly machineDir: string;
  /** The machine's loopback address (127.x.y.z). */
  readonly address: string;
  readonly hookTimeoutMs?: number;
  readonly report: (error: unknown) => void;
}

/** A running machine agent. */
export class MachineAgent {
  private readonly units = new Map<string, Promise<UnitAgent | undefined>>();
  private reconciling: Promise<void> = Promise.resolve();
  private stopped = false;

  private constructor(
    private readonly options: MachineAgentOptions,
    private readonly mirror: ModelMirror,
    private readonly toolsDir: string,
    private readonly logs: LogSink,
    private readonly lock: MachineLock,
  ) {}

  /** Starts the agent; resolves once its units are starting. */
  static async start(options: MachineAgentOptions): Promise<MachineAgent> {
    const toolsDir = join(options.machineDir, 'tools');
    await installHookTools(toolsDir);
    const mirror = await ModelMirror.start(options.client, options.model);
    const agent = new MachineAgent(
      options,
      mirror,
      toolsDir,
      new LogSink(options.client, options.model, options.report),
      new MachineLock(),
    );
    mirror.onChange(() => {
      agent.reconcile();
    });
    agent.reconcile();
    return agent;
  }

  /** Resolves when the controller's watch ended: the controller stopped or the model went. */
  get disconnected(): Promise<void> {
    return this.mirror.closed;
  }

  /** Stops every unit agent (each after its current operation) and the mirror. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.reconciling;
    await Promise.all([...this.units.values()].map(async (starting) => (await starting)?.stop()));
    await this.logs.flush();
    this.mirror.close();
  }

  /** Starts an agent for every unit the machine has and none for those it no longer has. */
  private reconcile(): void {
    this.reconciling = this.reconciling.then(() => {
      if (this.stopped) return;
      const here = this.mirror.state.index.unitsByMachine.get(this.options.machine);
      for (const unit of here ?? []) {
        if (this.units.has(unit)) continue;
        this.units.set(unit, this.startUnit(unit));
      }
    });
  }

  private async startUnit(unit: string): Promise<UnitAgent | undefined> {
    const { client, model, machineDir, address, report } = this.options;
    try {
      const agent = await UnitAgent.start({
        client,
        model,
        unit,
        machineDir,
        toolsDir: this.toolsDir,
        address,
        apiAddress: new URL(client.address).host,
        mirror: this.mirror,
        lock: this.lock,
        logs: this.logs,
        hookTimeoutMs: this.options.hookTimeoutMs,
        report,
      });
      // A unit whose loop ended is gone from the model: forget it.
      void agent.done.then(async () => {
        await agent.stop();
        this.units.delete(unit);
      });
      return agent;
    } catch (error) {
      report(error);
      this.units.delete(unit);
      return undefined;
    }
  }
}
