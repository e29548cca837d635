/**
 * Opened port ranges (R7.23, R7.24): how they are written, when two conflict, and what a hook's
 * buffered `open-port` / `close-port` requests do to a unit's ranges at commit.
 */
import type { OpenedPort } from './entities.js';

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
