/**
 * The machine agents of every model (DESIGN "Process model"): one `loom-agent` process per
 * machine that has units, started when the machine gets its first unit, restarted if it dies,
 * stopped when the machine has no units left or the model goes, and stopped with the controller.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { controllerPaths } from '@loom/protocol';

import type { ModelHost } from '../model/model-host.js';
import type { ModelRegistry } from '../model/model-registry.js';
import { machineAddresses } from './machine-address.js';

const RESTART_MS = 1_000;
const STOP_GRACE_MS = 10_000;

/** How machine agents are run. */
export interface AgentSupervisorOptions {
  /** The controller's home: agents read its credentials and keep machines under `m/`. */
  readonly home: string;
  readonly registry: ModelRegistry;
  readonly report: (error: unknown) => void;
  /** Extra environment for agents (LOOM_HOOK_TIMEOUT_MS, PATH...). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

interface Running {
  readonly model: string;
  readonly machine: string;
  child: ChildProcess | undefined;
  wanted: boolean;
  exited: Promise<void>;
}

/** The `loom-agent` program of the `@loom/agent` package. */
export function agentProgram(): string {
  const manifest = fileURLToPath(import.meta.resolve('@loom/agent/package.json'));
  return join(dirname(manifest), 'bin', 'loom-agent.js');
}

/** The directory of a machine. */
export function machineDirectory(home: string, model: string, machine: string): string {
  return join(controllerPaths(home).machines, model, machine);
}

export class AgentSupervisor {
  private readonly running = new Map<string, Running>();
  private stopped = false;
  private readonly program = agentProgram();

  constructor(private readonly options: AgentSupervisorOptions) {}

  /** Starts the agents the models need now, and follows every commit from then on. */
  start(): void {
    const { registry } = this.options;
    registry.onChange({
      added: (host) => {
        this.reconcile(host);
      },
      destroyed: (model) => {
        for (const entry of this.running.values()) if (entry.model === model) this.retire(entry);
      },
    });
    // Only units coming and going change which machines need an agent.
    registry.onCommit((committed) => {
      const unitsCameOrWent = committed.changes.some(
        (change) =>
          change.kind === 'unit' &&
          (change.unit === undefined || !committed.before.units.has(change.name)),
      );
      if (unitsCameOrWent) this.reconcile(registry.get(committed.model));
    });
    for (const model of registry.list()) this.reconcile(registry.get(model.name));
  }

  /** The machines with a running agent, as `<model>/<machine>`. */
  get machines(): string[] {
    return [...this.running.values()]
      .filter((entry) => entry.wanted)
      .map((entry) => `${entry.model}/${entry.machine}`)
      .sort();
  }

  /** Stops every agent: SIGTERM, then SIGKILL after a grace period. */
  async stop(): Promise<void> {
    this.stopped = true;
    const entries = [...this.running.values()];
    for (const entry of entries) this.retire(entry);
    await Promise.all(entries.map((entry) => entry.exited));
  }

  private reconcile(host: ModelHost): void {
    if (this.stopped) return;
    const { state, record } = host.view;
    const machines = new Set<string>();
    for (const [machine, units] of state.index.unitsByMachine)
      if (units.size > 0) machines.add(machine);
    for (const machine of machines) {
      const key = `${record.name}/${machine}`;
      if (!this.running.has(key)) this.launch(record.name, record.uuid, machine);
    }
    for (const entry of this.running.values())
      if (entry.model === record.name && !machines.has(entry.machine)) this.retire(entry);
  }

  private launch(model: string, uuid: string, machine: string): void {
    const entry: Running = {
      model,
      machine,
      child: undefined,
      wanted: true,
      exited: Promise.resolve(),
    };
    this.running.set(`${model}/${machine}`, entry);
    this.spawn(entry, uuid);
  }

  private spawn(entry: Running, uuid: string): void {
    const { home, env, report } = this.options;
    const directory = machineDirectory(home, entry.model, entry.machine);
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const log = openSync(join(directory, 'agent.log'), 'a', 0o600);
    let child: ChildProcess;
    try {
      child = spawn(process.execPath, [this.program], {
        stdio: ['ignore', log, log],
        env: {
          PATH: process.env.PATH,
          ...env,
          LOOM_HOME: home,
          LOOM_MODEL: entry.model,
          LOOM_MACHINE: entry.machine,
          LOOM_MACHINE_DIR: directory,
          LOOM_MACHINE_ADDRESS: machineAddresses(uuid)(entry.machine),
        },
      });
    } finally {
      closeSync(log);
    }
    entry.child = child;
    entry.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        entry.child = undefined;
        resolve();
        if (!entry.wanted || this.stopped) return;
        report(
          new Error(
            `the agent of machine ${entry.machine} of model "${entry.model}" stopped (${signal ?? `exit code ${String(code)}`}); restarting it`,
          ),
        );
        setTimeout(() => {
          if (entry.wanted && !this.stopped) this.spawn(entry, uuid);
        }, RESTART_MS).unref();
      });
    });
  }

  private retire(entry: Running): void {
    entry.wanted = false;
    this.running.delete(`${entry.model}/${entry.machine}`);
    const child = entry.child;
    if (child === undefined) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    void entry.exited.then(() => {
      clearTimeout(killer);
    });
  }
}
