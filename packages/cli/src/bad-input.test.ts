/**
 * Bad input through `loom`: each mistake gets one clear `ERROR` line naming the thing and the
 * fix, exit 2 for a wrong command line and 1 for a refused one, and the model is left exactly
 * as it was (its revision does not move).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { RECORDER_CHARM, testHome } from './test-support/loom-home.js';
import type { TestHome } from './test-support/loom-home.js';

const env = { LOOM_MACHINE_AGENTS: 'off' };

/** [argv, exit code, stderr pattern] */
const MISTAKES: [string[], number, RegExp][] = [
  [['deplyo', 'x'], 2, /^ERROR unknown command 'deplyo'\n\(Did you mean deploy\?\)\n$/],
  [['status', '--colour'], 2, /^ERROR unknown option '--colour'/],
  [['deploy'], 2, /^ERROR missing required argument 'charm-or-bundle'\n$/],
  [
    ['add-unit', 'db', '-n', 'two'],
    2,
    /^ERROR option '-n, --num-units <n>' argument 'two' is invalid/,
  ],
  [
    ['deploy', 'nowhere'],
    1,
    /^ERROR "nowhere" does not exist; give a charm directory, a \.charm archive or a bundle\.yaml\n$/,
  ],
  [['add-unit', 'ghost'], 1, /^ERROR application "ghost" not found\n$/],
  [['remove-unit', 'db/9'], 1, /^ERROR unit "db\/9" does not exist\n$/],
  [['remove-application', 'ghost'], 1, /^ERROR application "ghost" not found\n$/],
  [['integrate', 'db', 'ghost'], 1, /^ERROR application "ghost" not found\n$/],
  [['config', 'ghost'], 1, /^ERROR application "ghost" not found\n$/],
  [['config', 'db', 'nope=1'], 1, /^ERROR unknown option "nope"\n$/],
  [['show-unit', 'db/9'], 1, /^ERROR unit "db\/9" not found; run "loom status" to list units\n$/],
  [['resolve', 'db/9'], 1, /^ERROR unit "db\/9" not found\n$/],
  [['status', '-m', 'nowhere'], 1, /^ERROR model "nowhere" not found/],
  [
    ['add-unit', 'db', '--to', 'lxd:0'],
    2,
    /^ERROR --to "lxd:0": Loom places units on existing machines only/,
  ],
  [['exec', '--', 'true'], 2, /^ERROR name the units to run on with --unit, or --application\n$/],
  // Cross-model relations (R8.1, R8.2, R8.7).
  [['offer'], 2, /^ERROR an offer must at least specify application endpoint\n$/],
  [
    ['offer', 'db'],
    2,
    /^ERROR endpoints must conform to format "<application-name>:<endpoint-name>\[,\.\.\.\]", got "db"\n$/,
  ],
  [['offer', 'db:nope'], 1, /^ERROR application "db" has no "nope" relation endpoint\n$/],
  [['offer', 'db:peers'], 1, /^ERROR cannot offer peer relation endpoint "peers"\n$/],
  [
    ['remove-offer', 'ghost'],
    1,
    /^ERROR application offer "admin\/default\.ghost" not found; run "loom offers -m default" to list its offers\n$/,
  ],
  [['consume', 'default.ghost'], 1, /^ERROR application offer "admin\/default\.ghost" not found/],
  [
    ['consume', 'nowhere'],
    1,
    /^ERROR offer URL "nowhere" is not valid: expected \[<controller>:\]\[<user>\/\]<model>\.<offer-name>\n$/,
  ],
  [
    ['integrate', 'db', 'other.db'],
    1,
    /^ERROR model "other" not found; run "loom models" to list models\n$/,
  ],
  [
    ['remove-saas', 'ghost'],
    1,
    /^ERROR saas application "ghost" not found; run "loom status" to list SAAS\n$/,
  ],
  [
    ['suspend-relation', 'x'],
    2,
    /^ERROR invalid relation id "x": expected numbers such as "2" or "2,3"\n$/,
  ],
  [
    ['suspend-relation', '0'],
    1,
    /^ERROR cannot set suspend status for "db:peers" which is not associated with an offer\n$/,
  ],
  [['resume-relation', '7'], 1, /^ERROR relation 7 not found\n$/],
];

describe('loom refuses bad input clearly and changes nothing', () => {
  let home: TestHome;
  const loom = (...argv: string[]) => home.loom(argv, { env });
  /** The whole model as status shows it, less the time it was taken. */
  const revision = async () => ({
    ...(JSON.parse((await loom('status', '--format', 'json')).stdout) as object),
    controller: undefined,
  });
  before(async () => {
    home = await testHome();
    assert.equal((await loom('deploy', RECORDER_CHARM, 'db')).code, 0);
  });
  after(() => home.dispose());

  for (const [argv, code, message] of MISTAKES) {
    it(`loom ${argv.join(' ')}: exit ${code}`, async () => {
      const before = await revision();
      const result = await loom(...argv);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, message);
      assert.equal(result.code, code);
      assert.deepEqual(await revision(), before);
    });
  }
});
