/**
 * Opened port ranges (R7.23, R7.24): how they are written, when two conflict, and what a hook's
 * buffered `open-port` / `close-port` requests do to a unit's ranges at commit, and how a range
 * given to those tools is read.
 */
import { usageError } from '../hook-context/hook-tool-error.js';
import type { OpenedPort, PortProtocol } from './entities.js';

/** A hook's buffered port requests, applied at commit in order: closes, then opens. */
export interface PortChanges {
  readonly open: readonly OpenedPort[];
  readonly close: readonly OpenedPort[];
}

/** `80/tcp`, `8000-8080/udp` or `icmp`, as `opened-ports` prints a range (R7.24). */
export function formatPortRange(port: Omit<OpenedPort, 'endpoint'>): string {
  if (port.protocol === 'icmp') return 'icmp';
  const range = port.from === port.to ? `${port.from}` : `${port.from}-${port.to}`;
  return `${range}/${port.protocol}`;
}

/** Same endpoint, protocol and range. */
export function samePort(a: OpenedPort, b: OpenedPort): boolean {
  return a.endpoint === b.endpoint && sameRange(a, b);
}

function sameRange(a: OpenedPort, b: OpenedPort): boolean {
  return a.protocol === b.protocol && a.from === b.from && a.to === b.to;
}

/** Two ranges conflict when they share a protocol and a port, and are not the same range. */
export function portsConflict(a: OpenedPort, b: OpenedPort): boolean {
  if (a.protocol !== b.protocol || sameRange(a, b)) return false;
  return a.from <= b.to && b.from <= a.to;
}

/** A unit's other ranges on its machine, to check an opening against. */
export interface MachinePorts {
  readonly unit: string;
  readonly ports: readonly OpenedPort[];
}

/**
 * A unit's ranges after a hook's requests, or the message of the first conflict (R7.23:
 * `cannot open <range> (unit "<u>"): port range conflicts with <range> (unit "<other>")`).
 * Opening an open range and closing a closed one change nothing; with no change at all, `current`
 * itself is returned.
 */
export function applyPortChanges(
  unit: string,
  current: readonly OpenedPort[],
  changes: PortChanges,
  neighbours: readonly MachinePorts[],
): readonly OpenedPort[] | { readonly conflict: string } {
  let ports = current.filter((port) => !changes.close.some((closed) => samePort(port, closed)));
  for (const opening of changes.open) {
    if (ports.some((port) => samePort(port, opening))) continue;
    const owners = [{ unit, ports }, ...neighbours];
    for (const owner of owners) {
      const clash = owner.ports.find((port) => portsConflict(port, opening));
      if (clash !== undefined) {
        return {
          conflict: `cannot open ${formatPortRange(opening)} (unit "${unit}"): port range conflicts with ${formatPortRange(clash)} (unit "${owner.unit}")`,
        };
      }
    }
    ports = [...ports, opening];
  }
  const unchanged =
    ports.length === current.length &&
    ports.every((port, at) => {
      const before = current[at];
      return before !== undefined && samePort(port, before);
    });
  return unchanged ? current : ports;
}

const RANGE = /^(\d+)(?:-(\d+))?(?:\/([a-z]+))?$/;

/** Parses `80`, `80/udp`, `8000-8080/tcp` or `icmp`. */
/**
 * `80`, `80/tcp`, `8000-8080/udp` or `icmp`, as open-port and close-port take a range (R7.23).
 *
 * @throws HookToolError (usage) for a malformed range, another protocol or bounds outside 1–65535.
 */
export function parsePortRange(text: string): Omit<OpenedPort, 'endpoint'> {
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
