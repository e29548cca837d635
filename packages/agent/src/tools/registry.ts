/**
 * Every hook tool by name. Tools Juju has but Loom does not run yet answer with an error that
 * says so; a name Juju does not know is refused as Juju refuses it (R6.8).
 */
import { HOOK_TOOL_NAMES } from '@loom/hook-tools';

import { actionFail, actionGet, actionLog, actionSet } from './action-tools.js';
import { configGet } from './config-get.js';
import { goalState } from './goal-state.js';
import { isLeader, leaderGet, leaderSet } from './leader-tools.js';
import { jujuLog } from './log-tools.js';
import { networkGet, unitGet } from './network-tools.js';
import { closePort, openedPorts, openPort } from './port-tools.js';
import { relationGet, relationIds, relationList, relationSet } from './relation-tools.js';
import { stateDelete, stateGet, stateSet } from './state-tools.js';
import { applicationVersionSet, statusGet, statusSet } from './status-tools.js';
import type { Tool, ToolResult } from './tool.js';

const TOOLS: readonly Tool[] = [
  actionFail,
  actionGet,
  actionLog,
  actionSet,
  applicationVersionSet,
  closePort,
  configGet,
  goalState,
  isLeader,
  jujuLog,
  leaderGet,
  leaderSet,
  networkGet,
  openPort,
  openedPorts,
  relationGet,
  relationIds,
  relationList,
  relationSet,
  stateDelete,
  stateGet,
  stateSet,
  statusGet,
  statusSet,
  unitGet,
];

const BY_NAME = new Map(TOOLS.map((tool) => [tool.name, tool]));
const JUJU_NAMES = new Set<string>(HOOK_TOOL_NAMES);

/** The tool a command names, or the result to answer when there is none. */
export function toolNamed(command: string): Tool | ToolResult {
  const tool = BY_NAME.get(command);
  if (tool !== undefined) return tool;
  if (JUJU_NAMES.has(command))
    return {
      code: 1,
      stdout: '',
      stderr: `ERROR ${command} is not supported by Loom yet (secrets, storage, payloads, resources, metrics and Kubernetes specs are not modelled)\n`,
    };
  return { code: 1, stdout: '', stderr: `ERROR bad request: unknown command: ${command}\n` };
}
