/** Port ranges (R7.23, R7.24): how they print and when two conflict. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { OpenedPort } from './entities.js';
import { applyPortChanges, formatPortRange, portsConflict } from './ports.js';

const port = (protocol: OpenedPort['protocol'], from: number, to = from): OpenedPort => ({
  endpoint: '',
  protocol,
  from,
  to,
});

describe('port ranges', () => {
  it('R7.24: print as 80/tcp, 8000-8080/udp and icmp', () => {
    assert.equal(formatPortRange(port('tcp', 80)), '80/tcp');
    assert.equal(formatPortRange(port('udp', 8000, 8080)), '8000-8080/udp');
    assert.equal(formatPortRange(port('icmp', 0)), 'icmp');
  });

  it('conflict when they overlap on one protocol and are not the same range', () => {
    assert.equal(portsConflict(port('tcp', 80, 90), port('tcp', 90, 100)), true);
    assert.equal(portsConflict(port('tcp', 80, 90), port('udp', 85)), false);
    assert.equal(portsConflict(port('tcp', 80, 90), port('tcp', 91)), false);
    assert.equal(portsConflict(port('tcp', 80, 90), port('tcp', 80, 90)), false);
  });

  it('R7.23: a unit cannot open a range overlapping one of its own', () => {
    const result = applyPortChanges(
      'a/0',
      [port('tcp', 80, 90)],
      {
        open: [port('tcp', 85)],
        close: [],
      },
      [],
    );
    assert.deepEqual(result, {
      conflict: 'cannot open 85/tcp (unit "a/0"): port range conflicts with 80-90/tcp (unit "a/0")',
    });
  });

  it('returns the current list itself when nothing changes', () => {
    const current = [port('tcp', 80)];
    assert.equal(
      applyPortChanges('a/0', current, { open: [port('tcp', 80)], close: [] }, []),
      current,
    );
  });
});
