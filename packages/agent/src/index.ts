/**
 * @loom/agent: the machine agent. Its program is bin/loom-agent.js; these exports let tests run
 * an agent in-process.
 */
export { MachineAgent } from './machine-agent.js';
export type { MachineAgentOptions } from './machine-agent.js';
export { runTool } from './tools/tool.js';
export type { ToolCall, ToolResult } from './tools/tool.js';
export type { ToolContext } from './tools/tool-context.js';
