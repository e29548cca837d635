/**
 * Colours of status values, as `juju status` paints them on a terminal: green for what is well
 * (active, idle, started), red for what needs a person (error, blocked), yellow for what is on
 * its way (waiting, maintenance, executing, allocating). Only on a terminal, and never when
 * NO_COLOR is set or TERM is "dumb".
 */
import type { CliIo } from '../io.js';

const GREEN = new Set(['active', 'idle', 'started', 'completed']);
const RED = new Set(['error', 'blocked', 'lost', 'failed']);
const YELLOW = new Set(['waiting', 'maintenance', 'executing', 'allocating', 'pending', 'running']);

/** Whether output to `io` may carry colours. */
export function useColour(io: CliIo): boolean {
  return io.isTerminal && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb';
}

/** `text` (a padded cell) painted after the status value `value` holds; unchanged otherwise. */
export function paintStatus(value: string, text: string): string {
  const code = GREEN.has(value) ? 32 : RED.has(value) ? 31 : YELLOW.has(value) ? 33 : undefined;
  return code === undefined ? text : `\u001b[${code}m${text}\u001b[0m`;
}
