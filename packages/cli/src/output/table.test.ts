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
});
