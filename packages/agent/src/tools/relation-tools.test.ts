/**
 * relation-get, relation-set, relation-ids and relation-list, run as real processes against a
 * unit's socket (R7.1–R7.13). The model is S1 settled: db/0 wrote host=db-host, its leader wrote
 * url=postgres://db; app/0 wrote wanted=yes and, as leader, setting=42.
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';

import { unitHook } from '@loom/core';
import { hookToolClient } from '@loom/hook-tools';

import { toolHarness } from '../test-support/tool-harness.js';
import type { ToolHarness } from '../test-support/tool-harness.js';

const ADDRESS_KEYS = ['egress-subnets', 'ingress-address', 'private-address'];

describe('relation tools over the hook-tool socket', () => {
  let tools: ToolHarness;
  before(async () => {
    tools = await toolHarness();
  });
  after(() => tools.close());
  beforeEach(() => {
    tools.begin();
  });

  it("R7.6, R7.7: relation-get with no arguments prints the remote unit's bag as YAML", async () => {
    const result = await tools.run('relation-get', []);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /^egress-subnets: .*\nhost: db-host\ningress-address: .*\nprivate-address: .*\n$/,
    );
  });

  it('R7.3, R7.6: one key, in every format; an absent key prints nothing, or null in JSON', async () => {
    assert.equal((await tools.run('relation-get', ['host'])).stdout, 'db-host\n');
    assert.equal(
      (await tools.run('relation-get', ['--format=json', 'host'])).stdout,
      '"db-host"\n',
    );
    assert.equal(
      (await tools.run('relation-get', ['--format', 'yaml', 'host'])).stdout,
      'db-host\n',
    );
    assert.equal((await tools.run('relation-get', ['nothing'])).stdout, '');
    assert.equal((await tools.run('relation-get', ['--format=json', 'nothing'])).stdout, 'null\n');
  });

  it('R7.3: JSON of a bag is one line with sorted keys', async () => {
    const result = await tools.run('relation-get', ['--format=json', '-', 'db/0']);
    const parsed = JSON.parse(result.stdout) as Record<string, string>;
    assert.deepEqual(Object.keys(parsed), [
      ...ADDRESS_KEYS.slice(0, 1),
      'host',
      ...ADDRESS_KEYS.slice(1),
    ]);
    assert.equal(result.stdout.split('\n').length, 2);
  });

  it('R7.7: --app reads the remote application bag; a unit name turns into its application', async () => {
    const byApp = await tools.run('relation-get', ['--app', 'url', 'db']);
    assert.equal(byApp.stdout, 'postgres://db\n');
    const byUnit = await tools.run('relation-get', ['--app', 'url', 'db/0']);
    assert.equal(byUnit.stdout, 'postgres://db\n');
    // ops' own command line: relation-get --format=json -r db:1 --app - app
    const opsStyle = await tools.run('relation-get', [
      '--format=json',
      '-r',
      'database:0',
      '--app',
      '-',
      'db',
    ]);
    assert.deepEqual(JSON.parse(opsStyle.stdout), { url: 'postgres://db' });
  });

  it('R7.8: the leader reads its own application bag; its own unit bag shows its edits', async () => {
    assert.equal((await tools.run('relation-get', ['--app', 'setting', 'app'])).stdout, '42\n');
    assert.equal((await tools.run('relation-set', ['fresh=1'])).code, 0);
    assert.equal((await tools.run('relation-get', ['fresh', 'app/0'])).stdout, '1\n');
  });

  it('R7.8: a non-leader may not read its own application bag', async () => {
    tools.begin({ unit: 'app/1' });
    const result = await tools.run('relation-get', ['--app', '-', 'app']);
    assert.deepEqual(result, { code: 1, stdout: '', stderr: 'ERROR permission denied\n' });
  });

  it('R7.4: -r takes "endpoint:id", "id" or anything ending in ":id", and checks it', async () => {
    for (const form of ['0', 'database:0', 'whatever:0', '--relation=0'])
      assert.equal(
        (
          await tools.run(
            'relation-get',
            form.startsWith('--') ? [form, 'host', 'db/0'] : ['-r', form, 'host', 'db/0'],
          )
        ).stdout,
        'db-host\n',
        form,
      );
    assert.deepEqual(await tools.run('relation-get', ['-r', 'db:x', 'host']), {
      code: 2,
      stdout: '',
      stderr: 'ERROR invalid value "db:x" for flag -r: invalid relation id\n',
    });
    assert.deepEqual(await tools.run('relation-get', ['--relation', '7', 'host']), {
      code: 2,
      stdout: '',
      stderr: 'ERROR invalid value "7" for flag --relation: relation not found\n',
    });
  });

  it('R7.6: more than two arguments is a usage error; R7.1: an unknown flag too', async () => {
    assert.deepEqual(await tools.run('relation-get', ['a', 'db/0', 'extra']), {
      code: 2,
      stdout: '',
      stderr: 'ERROR unrecognized args: ["extra"]\n',
    });
    assert.deepEqual(await tools.run('relation-get', ['--bogus']), {
      code: 2,
      stdout: '',
      stderr: 'ERROR flag provided but not defined: --bogus\n',
    });
  });

  it('R7.7: outside a relation hook, a relation and a target are needed', async () => {
    tools.begin({ hook: unitHook('install') });
    const result = await tools.run('relation-get', []);
    assert.deepEqual(result, { code: 2, stdout: '', stderr: 'ERROR no relation id specified\n' });
    const noTarget = await tools.run('relation-get', ['-r', '0']);
    assert.deepEqual(noTarget, {
      code: 2,
      stdout: '',
      stderr: 'ERROR no unit or application specified\n',
    });
  });

  it('R7.9, R7.11: relation-set buffers key=value pairs; an empty value deletes', async () => {
    assert.equal((await tools.run('relation-set', ['a=1', 'b = two ', 'wanted='])).code, 0);
    const writes = tools.context().hook.relationWrites();
    assert.deepEqual(
      writes.map((write) => [write.owner.kind, Object.fromEntries(write.settings)]),
      [['unit', { a: '1', b: 'two', wanted: '' }]],
    );
    // Nothing is committed by the tool: the model is unchanged until the hook's commit.
    const bag = tools.state().bags.get(0)?.units.get('app/0');
    assert.equal(bag?.values.get('wanted'), 'yes');
  });

  it('R7.11: --file reads YAML (scalars become strings) from a file or stdin; pairs override it', async () => {
    await writeFile(
      join(tools.directory, 'settings.yaml'),
      'port: 8080\ntls: true\ngone: null\nname: x\n',
    );
    assert.equal((await tools.run('relation-set', ['--file', 'settings.yaml', 'name=y'])).code, 0);
    assert.deepEqual(Object.fromEntries(tools.context().hook.relationWrites()[0]?.settings ?? []), {
      port: '8080',
      tls: 'true',
      gone: '',
      name: 'y',
    });
    tools.begin();
    // ops' own command line: relation-set -r db:1 --app --file - with a JSON object on stdin.
    const opsStyle = await tools.run('relation-set', ['-r', 'database:0', '--app', '--file', '-'], {
      stdin: '{"endpoint": "db:5432", "ready": "true"}',
    });
    assert.equal(opsStyle.code, 0, opsStyle.stderr);
    const [write] = tools.context().hook.relationWrites();
    assert.ok(write !== undefined);
    assert.equal(write.owner.kind, 'application');
    assert.deepEqual(Object.fromEntries(write.settings), {
      endpoint: 'db:5432',
      ready: 'true',
    });
  });

  it('R7.5: malformed and repeated pairs are usage errors', async () => {
    for (const [args, message] of [
      [['novalue'], 'expected "key=value", got "novalue"'],
      [['=x'], 'expected "key=value", got "=x"'],
      [['a=1', 'a=2'], 'key "a" specified more than once'],
    ] as const) {
      assert.deepEqual(await tools.run('relation-set', [...args]), {
        code: 2,
        stdout: '',
        stderr: `ERROR ${message}\n`,
      });
    }
  });

  it('R7.10: --app by a non-leader fails at once', async () => {
    tools.begin({ unit: 'app/1' });
    assert.deepEqual(await tools.run('relation-set', ['--app', 'x=1']), {
      code: 1,
      stdout: '',
      stderr: 'ERROR cannot write relation settings\n',
    });
  });

  it('R7.11: relation-set accepts --format and warns that it is deprecated', async () => {
    const result = await tools.run('relation-set', ['--format=json', 'a=1']);
    assert.deepEqual(result, {
      code: 0,
      stdout: '',
      stderr: '--format flag deprecated for command "relation-set"',
    });
  });

  it("R7.12: relation-ids lists the endpoint's relations; an unknown name prints nothing", async () => {
    assert.equal((await tools.run('relation-ids', [])).stdout, 'database:0\n');
    assert.equal(
      (await tools.run('relation-ids', ['database', '--format=json'])).stdout,
      '["database:0"]\n',
    );
    assert.equal((await tools.run('relation-ids', ['nope'])).stdout, '');
    assert.equal((await tools.run('relation-ids', ['nope', '--format=json'])).stdout, '[]\n');
    tools.begin({ hook: unitHook('install') });
    assert.deepEqual(await tools.run('relation-ids', []), {
      code: 2,
      stdout: '',
      stderr: 'ERROR no relation name specified\n',
    });
  });

  it('R7.13: relation-list lists members; --app names the remote application', async () => {
    assert.equal((await tools.run('relation-list', [])).stdout, 'db/0\n');
    tools.begin({ unit: 'db/0', hook: unitHook('install') });
    assert.equal((await tools.run('relation-list', ['-r', '0'])).stdout, 'app/0\napp/1\n');
    assert.equal((await tools.run('relation-list', ['-r', '0', '--app'])).stdout, 'app\n');
    assert.equal(
      (await tools.run('relation-list', ['-r', '0', '--format=json'])).stdout,
      '["app/0","app/1"]\n',
    );
  });

  it("R7.3: -o writes the output to a file, relative to the caller's directory", async () => {
    const result = await tools.run('relation-get', ['-o', 'out.txt', 'host']);
    assert.deepEqual(result, { code: 0, stdout: '', stderr: '' });
    assert.equal(await readFile(join(tools.directory, 'out.txt'), 'utf8'), 'db-host\n');
  });

  it('R7.1: -h prints usage and exits 0', async () => {
    const result = await tools.run('relation-get', ['-h']);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Usage: relation-get \[options\] <key> <unit id>/);
  });
});

describe('the Node fallback client', () => {
  it('speaks the same wire as the native one, stdin included', async () => {
    const fallback = hookToolClient();
    const tools = await toolHarness({
      kind: 'node',
      path: fallback.kind === 'node' ? fallback.path : fallbackScript(),
    });
    try {
      assert.equal((await tools.run('relation-get', ['host'])).stdout, 'db-host\n');
      const set = await tools.run('relation-set', ['--file', '-'], { stdin: 'x: 1\n' });
      assert.equal(set.code, 0, set.stderr);
      assert.deepEqual(await tools.run('relation-get', ['--bogus']), {
        code: 2,
        stdout: '',
        stderr: 'ERROR flag provided but not defined: --bogus\n',
      });
    } finally {
      await tools.close();
    }
  });
});

/** The fallback script beside the native client. */
function fallbackScript(): string {
  const native = hookToolClient().path;
  return join(dirname(dirname(native)), 'bin', 'hook-tool.mjs');
}
