/** `loom wait` and `loom debug-log` against a real controller (machine agents off). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ApiClient, readCredentials } from '@loom/protocol';

import { RECORDER_CHARM, testHome } from '../test-support/loom-home.js';
import type { TestHome } from '../test-support/loom-home.js';

const env = { LOOM_MACHINE_AGENTS: 'off' };

describe('loom wait and loom debug-log', () => {
  let home: TestHome;
  const loom = (...argv: string[]) => home.loom(argv, { env });
  before(async () => {
    home = await testHome();
    await loom('models');
  });
  after(() => home.dispose());

  it('wait returns once the model is quiet, and names the units still busy', async () => {
    assert.deepEqual(await loom('wait', '--quiet', '100ms'), { code: 0, stdout: '', stderr: '' });
    await loom('deploy', RECORDER_CHARM, 'db');
    // No agents run here, so db/0 never starts.
    const result = await loom('wait', '--quiet', '100ms', '--timeout', '500ms');
    assert.deepEqual(result, {
      code: 1,
      stdout: '',
      stderr: 'ERROR model "default" did not settle within 500 ms; still busy: db/0 allocating\n',
    });
  });

  it("debug-log prints Juju's lines, the last N or all, with --include, --exclude and --level", async () => {
    const client = new ApiClient(await readCredentials(home.home));
    await client.call('agent/log', {
      model: 'default',
      records: [
        { unit: 'db/0', hook: 'install', level: 'DEBUG', message: 'first' },
        { unit: 'db/0', hook: 'install', level: 'WARNING', message: 'second' },
        { unit: 'db/0', hook: '', level: 'INFO', message: 'third' },
        { unit: 'web/0', hook: 'start', level: 'INFO', message: 'fourth' },
      ],
    });
    const last = await loom('debug-log', '--no-tail', '-n', '2', '-x', 'web');
    assert.match(
      last.stdout,
      /^unit-db-0: \d\d:\d\d:\d\d WARNING unit\.db\/0\.install second\nunit-db-0: \d\d:\d\d:\d\d INFO unit\.db\/0 third\n$/,
    );
    const warnings = await loom(
      'debug-log',
      '--no-tail',
      '--replay',
      '--level',
      'WARNING',
      '-i',
      'db',
    );
    assert.match(warnings.stdout, /^unit-db-0: .* WARNING unit\.db\/0\.install second\n$/);
    const other = await loom('debug-log', '--no-tail', '--replay', '-i', 'app/0');
    assert.equal(other.stdout, '');
    const excluded = await loom('debug-log', '--no-tail', '--replay', '-x', 'db/0');
    assert.match(excluded.stdout, /^unit-web-0: .* INFO unit\.web\/0\.start fourth\n$/);
  });
});
