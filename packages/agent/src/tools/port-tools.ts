/**
 * open-port, close-port (R7.23) and opened-ports (R7.24). Requests are recorded in the hook and
 * applied at its commit; an opening that clashes with another unit's range on the machine fails
 * at once.
 */
import { applyPortChanges, formatPortRange, HookToolError, samePort, usageError } from '@loom/core';
import type { OpenedPort, PortProtocol } from '@loom/core';

import { noExtraArgs } from './arguments.js';
import type { ParsedFlags } from './flags.js';
import type { Tool } from './tool.js';
import type { ToolContext } from './tool-context.js';

const ENDPOINTS_FLAG = { name: 'endpoints', kind: 'value' } as const;
const RANGE = /^(\d+)(?:-(\d+))?(?:\/([a-z]+))?$/;

/** Parses `80`, `80/udp`, `8000-8080/tcp` or `icmp`. */
function parsePortRange(text: string): Omit<OpenedPort, 'endpoint'> {
  if (text === 'icmp') return { protocol: 'icmp', from: 0, to: 0 };
  const match = RANGE.exec(text);
  if (match === null) throw usageError(`invalid port range "${text}"`);
  const protocol = (match[3] ?? 'tcp') as PortProtocol;
  if (protocol !== 'tcp' && protocol !== 'udp')
    throw usageError(`invalid protocol "${match[3] ?? ''}", expected "tcp", "udp", or "icmp"`);
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  if (from < 1 || to > 65535 || from > to)
    throw usageError(`port range bounds must be between 1 and 65535, got ${from}-${to}`);
  return { protocol, from, to };
}

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
function request(port: OpenedPort, into: OpenedPort[], opposite: OpenedPort[]): void {
  const cancelled = opposite.findIndex((other) => samePort(other, port));
  if (cancelled >= 0) opposite.splice(cancelled, 1);
  if (!into.some((other) => samePort(other, port))) into.push(port);
}

/** The unit's ranges as its pending requests leave them. */
function pendingPorts(context: ToolContext): readonly OpenedPort[] {
  const { open, close } = context.portRequests;
  const kept = context.portsAtStart.filter(
    (port) => !close.some((closed) => samePort(port, closed)),
  );
  return [...kept, ...open.filter((port) => !kept.some((have) => samePort(have, port)))];
}

export const openPort: Tool = {
  name: 'open-port',
  usage: 'open-port <port>[/<protocol>] or <from>-<to>[/<protocol>] or icmp',
  summary: 'Register a request to open a port or port range.',
  flags: [ENDPOINTS_FLAG],
  prints: false,
  run(flags, { context }) {
    const ports = requested(flags);
    const state = context.model();
    const neighbours = [...(state.index.unitsByMachine.get(context.machine) ?? [])]
      .filter((unit) => unit !== context.unit)
      .map((unit) => ({ unit, ports: state.openedPorts.get(unit) ?? [] }));
    const result = applyPortChanges(
      context.unit,
      pendingPorts(context),
      { open: ports, close: [] },
      neighbours,
    );
    if ('conflict' in result) throw new HookToolError('commit-refused', result.conflict, 1);
    for (const port of ports) request(port, context.portRequests.open, context.portRequests.close);
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
    for (const port of requested(flags))
      request(port, context.portRequests.close, context.portRequests.open);
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
    for (const port of context.portsAtStart) {
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
