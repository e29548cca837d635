/**
 * @loom/hook-tools: the client program every hook tool runs (native C, with a Node fallback) and
 * the installer that puts the tools on a hook's PATH.
 */
export { hookToolClient, installHookTools } from './install-tools.js';
export type { HookToolClient } from './install-tools.js';
export { HOOK_TOOL_NAMES } from './tool-names.js';
export type { HookToolName } from './tool-names.js';
