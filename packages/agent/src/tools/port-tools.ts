/**
 * open-port, close-port (R7.23) and opened-ports (R7.24). Requests are recorded in the hook and
 * applied at its commit; an opening that clashes with another unit's range on the machine fails
 * at once.
 */
import { formatPortRange, parsePortRange, usageError } from '@loom/core';
import type { OpenedPort } from '@loom/core';

import { noExtraArgs } from './arguments.js';
import type { ParsedFlags } from './flags.js';
import type { Tool } from './tool.js';

const ENDPOINTS_FLAG = { name: 'endpoints', kind: 'value' } as const;
function requested(flags: ParsedFlags): OpenedPort[] {
  const [text] = flags.positional;
  if (text === undefined) throw usageError('no port or range specified');
  noExtraArgs(flags.positional, 1);
  const range = parsePortRange(text);
  const endpoints = flags.values.get('endpoints');
  const names = endpoints === undefined ? [''] : endpoints.split(',').map((name) => name.trim());
  return names.map((endpoint) => ({ ...range, endpoint }));
}

/** Records a request for `port` in `into`, cancelling the opposite one in `opposite`. */
export const openPort: Tool = {
  name: 'open-port',
  usage: 'open-port <port>[/<protocol>] or <from>-<to>[/<protocol>] or icmp',
  summary: 'Register a request to open a port or port range.',
  flags: [ENDPOINTS_FLAG],
  prints: false,
  run(flags, { context }) {
    context.hook.openPorts(requested(flags));
    return {};
  },
};

export const closePort: Tool = {
  name: 'close-port',
  usage: 'close-port <port>[/<protocol>] or <from>-<to>[/<protocol>] or icmp',
  summary: 'Register a request to close a port or port range.',
  flags: [ENDPOINTS_FLAG],
  prints: false,
  run(flags, { context }) {
    context.hook.closePorts(requested(flags));
    return {};
  },
};

export const openedPorts: Tool = {
  name: 'opened-ports',
  usage: 'opened-ports [options]',
  summary: 'List all ports or port ranges opened by the unit.',
  flags: [{ name: 'endpoints', kind: 'boolean' }],
  prints: true,
  run(flags, { context }) {
    noExtraArgs(flags.positional, 0);
    const byRange = new Map<string, string[]>();
    for (const port of context.hook.openedPorts()) {
      const range = formatPortRange(port);
      byRange.set(range, [...(byRange.get(range) ?? []), port.endpoint]);
    }
    const lines = [...byRange].map(([range, endpoints]) => {
      if (!flags.booleans.has('endpoints')) return range;
      if (endpoints.includes('')) return `${range} (*)`;
      return `${range} (${endpoints.sort().join(', ')})`;
    });
    return { value: lines };
  },
};
