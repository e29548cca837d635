import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { renderTable } from './table.js';

describe('renderTable', () => {
  it('aligns columns two spaces apart and trims trailing spaces, like juju status', () => {
    assert.equal(
      renderTable(
        ['App', 'Status', 'Notes'],
        [
          ['database', 'active', ''],
          ['web', 'blocked', 'waiting'],
        ],
      ),
      'App       Status   Notes\ndatabase  active\nweb       blocked  waiting\n',
    );
  });

  it('prints only the header when there are no rows', () => {
    assert.equal(renderTable(['Unit', 'Machine'], []), 'Unit  Machine\n');
  });

  it('right-aligns columns of counts, header included', () => {
    assert.equal(
      renderTable(
        ['App', 'Scale', 'Rev'],
        [
          ['db', '12', '3'],
          ['web', '1', '104'],
        ],
        { alignRight: [1, 2] },
      ),
      'App  Scale  Rev\ndb      12    3\nweb      1  104\n',
    );
  });
});
