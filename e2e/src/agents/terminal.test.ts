/**
 * `loom wait` and `loom status --watch` on a real terminal: the `loom` binary runs under
 * script(1), which gives it a pseudo-terminal, so it shows live progress and colours; without a
 * terminal the same commands print neither.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { REPOSITORY_ROOT, runProcess } from '../repository.js';
import { controllerForSuite, RECORDER } from './recorder-suite.js';

const LOOM = join(REPOSITORY_ROOT, 'packages', 'cli', 'bin', 'loom.js');
const ESCAPE = '\u001b';
const CLEAR_LINE = '\r\u001b[K';
const CLEAR_SCREEN = '\u001b[H\u001b[2J';

/**
 * Runs `loom` with a pseudo-terminal as its stdin, stdout and stderr, interrupted after `within`
 * seconds if given; all it wrote, in order.
 */
async function onTerminal(
  home: string,
  argv: readonly string[],
  within?: number,
): Promise<{ code: number | null; screen: string }> {
  const loom = [process.execPath, LOOM, ...argv].map((word) => `'${word}'`).join(' ');
  const command = within === undefined ? loom : `timeout --signal=INT ${within} ${loom}`;
  const result = await runProcess(
    'script',
    ['--quiet', '--return', '--command', command, '/dev/null'],
    {
      env: { LOOM_HOME: home, TERM: 'xterm-256color', COLUMNS: '200' },
      timeoutMs: 90_000,
    },
  );
  return { code: result.code, screen: result.stdout };
}

describe('loom on a terminal', () => {
  const suite = controllerForSuite();

  it('wait shows what the units are still doing on one line, then clears it', async () => {
    const { home, loom } = suite.controller;
    const deployed = await loom(
      'deploy',
      RECORDER,
      'db',
      '--config',
      'pause-hook=install',
      '--config',
      'pause-seconds=2',
    );
    assert.equal(deployed.code, 0, deployed.stderr);
    const { code, screen } = await onTerminal(home, ['wait', '--timeout', '1m']);
    assert.equal(code, 0, screen);
    const lines = screen.split(CLEAR_LINE).filter((line) => line !== '');
    assert.ok(
      lines.some((line) =>
        line.startsWith('waiting for model "default": 0/1 units idle; db/0 running install hook'),
      ),
      JSON.stringify(lines),
    );
    assert.ok(screen.endsWith(CLEAR_LINE), 'the progress line is cleared at the end');
    // Without a terminal, wait prints nothing.
    assert.deepEqual(await loom('wait'), { code: 0, stdout: '', stderr: '' });
  });

  it('status --watch redraws the screen with coloured status values', async () => {
    const { home, loom } = suite.controller;
    const watched = await onTerminal(home, ['status', '--watch', '300ms'], 2);
    const frames = watched.screen.split(CLEAR_SCREEN).filter((frame) => frame.trim() !== '');
    assert.ok(frames.length >= 3, `expected several frames, got ${frames.length}`);
    for (const frame of frames) assert.match(frame, /^Model +Controller/);
    // Workload and agent values are painted: active or unknown stays plain, idle is green.
    assert.match(frames.at(-1) ?? '', new RegExp(`${ESCAPE}\\[32midle *${ESCAPE}\\[0m`));
    const plain = await loom('status');
    assert.ok(!plain.stdout.includes(ESCAPE), plain.stdout);
  });
});
