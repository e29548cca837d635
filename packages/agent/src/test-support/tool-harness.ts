/**
 * Test support: hook tools run for real — the installed client program (native, or the Node
 * fallback) over a unit's 0600 socket to a ToolServer — against a hook context on a model built
 * by core's simulator. S1 settled (db/0 leader; app/0 leader, app/1; relation 0), with bag values
 * written by the charms: db/0 `host=db-host`, db `url=postgres://db` (app bag), app/0
 * `wanted=yes`, and app `setting=42`. Each `begin` starts a fresh hook context.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  HookContext,
  hookRelation,
  HookToolError,
  MemberBagCache,
  relationHook,
  setApplicationStatus,
  setUnitStatus,
  Simulator,
  unitHook,
  writeLeaderSettings,
} from '@loom/core';
import type { Hook, ModelState, OperationResult } from '@loom/core';
import { CHARMS } from '@loom/core/test-support';
import { hookToolClient, installHookTools } from '@loom/hook-tools';
import type { HookToolClient } from '@loom/hook-tools';

import { ToolServer } from '../tool-server/tool-server.js';
import type { ActionRun, ToolContext } from '../tools/tool-context.js';

/** What a tool process printed. */
export interface ToolRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A hook being run in the harness. */
export interface HarnessHook {
  readonly unit?: string;
  readonly hook?: Hook;
  readonly action?: ActionRun;
}

export interface ToolHarness {
  /** The model now (immediate effects change it). */
  readonly state: () => ModelState;
  /** `juju-log` lines of the current hook. */
  readonly logs: string[];
  /** The current hook's tool context. */
  readonly context: () => ToolContext;
  /** The current hook's context id. */
  readonly contextId: () => string;
  /** Starts a fresh hook context (default: app/0 in `database-relation-changed` for db/0). */
  readonly begin: (hook?: HarnessHook) => void;
  /** Runs a tool as the hook's process would, with optional stdin. */
  readonly run: (
    command: string,
    args: readonly string[],
    options?: { stdin?: string; env?: Record<string, string>; cwd?: string },
  ) => Promise<ToolRun>;
  readonly directory: string;
  /** The environment a hook process of the current hook has: tools on PATH, context, socket. */
  readonly environment: () => Record<string, string>;
  readonly close: () => Promise<void>;
}

/** The relation hook the harness runs by default. */
export function appChangedHook(): Hook {
  return relationHook('relation-changed', hookRelation(0, 'database', 'db'), {
    remoteUnit: 'db/0',
  });
}

function must(result: OperationResult<unknown>): ModelState {
  if (!result.ok) throw new Error(result.message);
  return result.state;
}

/** Builds the harness; `client` picks the tool program (default: what this install has). */
export async function toolHarness(client: HookToolClient = hookToolClient()): Promise<ToolHarness> {
  const sim = new Simulator();
  sim.deploy({
    application: 'db',
    charm: CHARMS.dbcharm,
    handler: (context) => {
      if (context.hook?.kind === 'relation-joined') {
        context.relationSet(new Map([['host', 'db-host']]));
        if (context.isLeader())
          context.relationSet(new Map([['url', 'postgres://db']]), { app: true });
      }
    },
  });
  sim.deploy({
    application: 'app',
    charm: CHARMS.webcharm,
    numUnits: 2,
    handler: (context) => {
      if (context.hook?.kind === 'relation-joined' && context.unit === 'app/0') {
        context.relationSet(new Map([['wanted', 'yes']]));
        context.relationSet(new Map([['setting', '42']]), { app: true });
      }
    },
  });
  sim.integrate('app', 'db');
  sim.settle();
  let state = sim.state;
  const uniterStates = new Map(sim.units().map((unit) => [unit, sim.uniterState(unit)]));

  const directory = await mkdtemp(join(tmpdir(), 'loom-tools-'));
  const toolsDir = join(directory, 'tools');
  await installHookTools(toolsDir, client);
  const server = await ToolServer.listen(join(directory, 'unit.sock'));
  const logs: string[] = [];
  let current: { id: string; context: ToolContext } | undefined;
  let sequence = 0;

  const begin = (hook: HarnessHook = {}) => {
    const unit = hook.unit ?? 'app/0';
    const uniter = uniterStates.get(unit);
    if (uniter === undefined) throw new Error(`no uniter state for ${unit}`);
    logs.length = 0;
    const hookContext = new HookContext({
      model: () => state,
      unit,
      ...(hook.hook === undefined && hook.action === undefined ? { hook: appChangedHook() } : {}),
      ...(hook.hook === undefined ? {} : { hook: hook.hook }),
      uniter,
      memberCache: new MemberBagCache(),
      effects: {
        writeLeaderSettings: (settings) => {
          const result = writeLeaderSettings(state, { unit, settings });
          if (!result.ok) throw new HookToolError('not-leader', result.message, 1);
          state = result.state;
        },
        setStatus: (status, application) => {
          state = must(
            application
              ? setApplicationStatus(state, { unit, status })
              : setUnitStatus(state, { unit, workload: status }),
          );
        },
        setWorkloadVersion: (workloadVersion) => {
          state = must(setUnitStatus(state, { unit, workloadVersion }));
        },
        log: (level, message) => {
          logs.push(`${level} ${message}`);
        },
      },
    });
    const machine = state.units.get(unit)?.machine ?? '0';
    const context: ToolContext = {
      hook: hookContext,
      model: () => state,
      unit,
      machine,
      address: '127.1.0.1',
      action: hook.action,
    };
    sequence += 1;
    current = { id: `${unit}-test-${sequence}`, context };
    server.begin(current.id, context);
  };
  begin();
  const environment = () => ({
    PATH: `${toolsDir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    JUJU_CONTEXT_ID: current?.id ?? '',
    JUJU_AGENT_SOCKET_ADDRESS: server.path,
    JUJU_AGENT_SOCKET_NETWORK: 'unix',
  });

  return {
    environment,
    state: () => state,
    logs,
    context: () => {
      if (current === undefined) throw new Error('no hook begun');
      return current.context;
    },
    begin,
    contextId: () => current?.id ?? '',
    directory,
    run: (command, args, options = {}) =>
      new Promise((resolve, reject) => {
        const child = spawn(join(toolsDir, command), [...args], {
          cwd: options.cwd ?? directory,
          env: { ...environment(), ...options.env },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.on('error', reject);
        child.on('close', (code) => {
          resolve({ code, stdout, stderr });
        });
        // A tool that exits before reading stdin closes the pipe: not an error of the test's.
        child.stdin.on('error', () => undefined);
        child.stdin.end(options.stdin ?? '');
      }),
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** A hook of the unit that has no relation (for tools that need one and have none). */
export function installHook(): Hook {
  return unitHook('install');
}
