/**
 * `loom charm check`, run in-process on charm directories written to a temporary folder.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { captureIo } from '../io.js';
import { runCli } from '../run.js';

let workspace = '';

function writeCharm(name: string, files: Record<string, string>): string {
  const directory = join(workspace, name);
  mkdirSync(directory, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(directory, file), text);
  return name;
}

async function loom(...argv: string[]) {
  const io = captureIo({ cwd: workspace });
  const code = await runCli(argv, io);
  return { code, ...io.output() };
}

before(() => {
  workspace = mkdtempSync(join(tmpdir(), 'loom-charm-check-'));
  writeCharm('web', {
    'metadata.yaml':
      'name: web\nsummary: s\ndescription: d\nprovides:\n  website: http\nrequires:\n  db:\n    interface: postgresql_client\n    limit: 1\npeers:\n  cluster: web-peers\n',
  });
  writeCharm('broken', {
    'metadata.yaml':
      'name: broken\nsummary: s\ndescription: d\nsubordinate: true\nprovides:\n  juju-x: http\n',
  });
});

after(() => {
  rmSync(workspace, { recursive: true, force: true });
});

describe('loom charm check', () => {
  it('prints the endpoint table with the implicit juju-info last, and exits 0', async () => {
    const { code, stdout, stderr } = await loom('charm', 'check', 'web');
    assert.equal(code, 0);
    assert.equal(stderr, '');
    const lines = stdout.split('\n');
    assert.equal(lines[0], 'Charm web (metadata.yaml in web)');
    assert.match(lines[1]!, /^Endpoint\s+Role\s+Interface\s+Limit\s+Optional\s+Scope\s+Notes$/);
    assert.match(lines[2]!, /^website\s+provider\s+http\s+-\s+no\s+global$/);
    assert.match(lines[3]!, /^db\s+requirer\s+postgresql_client\s+1\s+no\s+global$/);
    assert.match(lines[4]!, /^cluster\s+peer\s+web-peers\s+-\s+no\s+global$/);
    assert.match(lines[5]!, /^juju-info\s+provider\s+juju-info\s+-\s+no\s+global\s+implicit$/);
    assert.match(stdout, /web\/metadata\.yaml:8:16: warning \[interface-name-style\]/);
    assert.match(stdout, /1 charm checked: 1 valid, 0 invalid \(0 errors, 1 warnings\)\n$/);
  });

  it('prints each error with file:line:column and its fix, and exits 1', async () => {
    const { code, stdout } = await loom('charm', 'check', 'web', 'broken');
    assert.equal(code, 1);
    assert.match(
      stdout,
      /broken\/metadata\.yaml:4:1: error \[subordinate-without-container-requires\] subordinate charm "broken" lacks "requires" relation with container scope\n {4}fix: /,
    );
    assert.match(
      stdout,
      /broken\/metadata\.yaml:6:3: error \[reserved-relation-name\] charm "broken" using a reserved relation name: "juju-x"/,
    );
    assert.match(stdout, /2 charms checked: 1 valid, 1 invalid \(2 errors, 1 warnings\)/);
  });

  it('gives JSON with metadata, implicit flags and problems located in the charm directory', async () => {
    const { code, stdout } = await loom('charm', 'check', '--format', 'json', 'web', 'broken');
    assert.equal(code, 1);
    const report = JSON.parse(stdout) as {
      valid: number;
      invalid: number;
      charms: {
        directory: string;
        ok: boolean;
        metadata?: { name: string; endpoints: { name: string; implicit: boolean }[] };
        problems: { code: string; file: string; line: number; column: number }[];
      }[];
    };
    assert.deepEqual([report.valid, report.invalid], [1, 1]);
    const [web, broken] = report.charms;
    assert.deepEqual(
      web?.metadata?.endpoints.map((endpoint) => [endpoint.name, endpoint.implicit]),
      [
        ['website', false],
        ['db', false],
        ['cluster', false],
        ['juju-info', true],
      ],
    );
    assert.equal(broken?.ok, false);
    assert.equal(broken.metadata, undefined);
    assert.deepEqual(
      broken.problems.map((problem) => [problem.code, problem.file, problem.line, problem.column]),
      [
        ['subordinate-without-container-requires', 'broken/metadata.yaml', 4, 1],
        ['reserved-relation-name', 'broken/metadata.yaml', 6, 3],
      ],
    );
  });

  it('summarises one row per charm and still shows errors', async () => {
    const { code, stdout } = await loom('charm', 'check', '--summary', 'web', 'broken');
    assert.equal(code, 1);
    assert.match(
      stdout,
      /^Charm\s+Status\s+Provides\s+Requires\s+Peers\s+Config\s+Actions\s+Errors\s+Warnings\s+Directory\n/,
    );
    assert.match(stdout, /\nweb\s+valid\s+1\s+1\s+1\s+0\s+0\s+0\s+1\s+web\n/);
    assert.match(stdout, /\n-\s+invalid\s+-\s+-\s+-\s+-\s+-\s+2\s+0\s+broken\n/);
    assert.match(stdout, /broken\/metadata\.yaml:6:3: error \[reserved-relation-name\]/);
    assert.doesNotMatch(stdout, /warning \[interface-name-style\]/);
  });

  it('reports a missing directory by name with what to pass instead, and exits 1', async () => {
    const { code, stdout } = await loom('charm', 'check', 'no-such-charm');
    assert.equal(code, 1);
    assert.match(
      stdout,
      /ERROR charm directory "no-such-charm" does not exist; pass the path of a directory holding metadata\.yaml or charmcraft\.yaml/,
    );
  });

  it('reports a file given instead of a directory', async () => {
    const { code, stdout } = await loom('charm', 'check', 'web/metadata.yaml');
    assert.equal(code, 1);
    assert.match(
      stdout,
      /ERROR "web\/metadata\.yaml" is not a directory; pass the charm's directory, not one of its files/,
    );
  });
});
