/**
 * `loom charm init`, `build` and `pack`, run in-process on charms in a temporary folder: the
 * template builds, its own test passes under `node --test`, the archive holds what charmcraft's
 * would with the modes dispatch needs, and bad input is refused with nothing half-written.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { readCharmArchive } from '@loom/protocol';

import { captureIo } from '../io.js';
import { runCli } from '../run.js';

let workspace = '';

async function loom(...argv: string[]) {
  const io = captureIo({ cwd: workspace });
  const code = await runCli(argv, io);
  return { code, ...io.output() };
}

function write(path: string, text: string): void {
  mkdirSync(join(workspace, path, '..'), { recursive: true });
  writeFileSync(join(workspace, path), text);
}

before(() => {
  workspace = mkdtempSync(join(tmpdir(), 'loom-charm-build-'));
});

after(() => {
  rmSync(workspace, { recursive: true, force: true });
});

describe('loom charm init', () => {
  it('creates a charm named after its directory, with an executable dispatch', async () => {
    const { code, stdout, stderr } = await loom('charm', 'init', 'greeter');
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.match(stdout, /^Created charm greeter in greeter:\n {2}metadata\.yaml\n/);
    const metadata = readFileSync(join(workspace, 'greeter/metadata.yaml'), 'utf8');
    assert.match(metadata, /^name: greeter\n/);
    assert.match(
      readFileSync(join(workspace, 'greeter/src/charm.ts'), 'utf8'),
      /export class GreeterCharm extends CharmBase/,
    );
    assert.equal(statSync(join(workspace, 'greeter/dispatch')).mode & 0o777, 0o755);
    assert.equal(readdirSync(workspace).filter((name) => name.endsWith('.tmp')).length, 0);
  });

  it('takes --name, and refuses a name Juju would not accept or a directory that is not empty', async () => {
    assert.equal((await loom('charm', 'init', '--name', 'web-front', 'charms/front')).code, 0);
    assert.match(
      readFileSync(join(workspace, 'charms/front/metadata.yaml'), 'utf8'),
      /name: web-front/,
    );

    const badName = await loom('charm', 'init', 'My_Charm');
    assert.equal(badName.code, 2);
    assert.match(badName.stderr, /"My_Charm" is not a valid charm name .*pass --name <name>/);
    assert.equal(existsSync(join(workspace, 'My_Charm')), false);

    const taken = await loom('charm', 'init', 'greeter');
    assert.equal(taken.code, 1);
    assert.match(
      taken.stderr,
      /"greeter" is not empty \(it holds .*\); give a new or empty directory/,
    );
  });
});

describe('loom charm build', () => {
  it('bundles src/main.ts into dist/charm.mjs and the tests into build/tests, which pass under node --test', async () => {
    const { code, stdout, stderr } = await loom('charm', 'build', '--tests', 'greeter');
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.match(stdout, /^Built greeter from src\/main\.ts: \d+ files in dist\/ \([\d.]+ KiB\)\n/);
    assert.match(stdout, /Built 1 test file in build\/tests\//);
    const bundle = readFileSync(join(workspace, 'greeter/dist/charm.mjs'), 'utf8');
    // Minified, yet the class keeps its name: it is the handle path of its stored state.
    assert.match(bundle, /"GreeterCharm"/);
    assert.doesNotMatch(bundle, /from ?"@loom\/ops"/);
    const tests = spawnSync(process.execPath, ['--test', 'build/tests/'], {
      cwd: join(workspace, 'greeter'),
      encoding: 'utf8',
      // Run as a test run of its own, not as a child of this one.
      env: { ...process.env, NODE_TEST_CONTEXT: undefined },
    });
    assert.equal(tests.status, 0, tests.stdout + tests.stderr);
    assert.match(tests.stdout, /# pass 3\n/);
  });

  it('writes dispatch when the charm has none, and keeps one it has', async () => {
    write('bare/metadata.yaml', 'name: bare\nsummary: s\ndescription: d\n');
    write(
      'bare/src/charm.ts',
      "import { CharmBase, main } from '@loom/ops';\nclass BareCharm extends CharmBase {}\nawait main(BareCharm);\n",
    );
    const first = await loom('charm', 'build', 'bare');
    assert.equal(first.code, 0, first.stderr);
    assert.match(
      first.stdout,
      /from src\/charm\.ts: .*\nWrote dispatch, which runs the bundle with node\n$/,
    );
    assert.match(
      readFileSync(join(workspace, 'bare/dispatch'), 'utf8'),
      /exec node \.\/dist\/charm\.mjs/,
    );
    write('bare/dispatch', '#!/bin/sh\necho mine\n');
    const second = await loom('charm', 'build', 'bare');
    assert.doesNotMatch(second.stdout, /Wrote dispatch/);
    assert.equal(readFileSync(join(workspace, 'bare/dispatch'), 'utf8'), '#!/bin/sh\necho mine\n');
  });

  it('reports an import the bundler cannot resolve with file:line and keeps the last good bundle', async () => {
    const before = readFileSync(join(workspace, 'bare/dist/charm.mjs'), 'utf8');
    write('bare/src/charm.ts', "import { nothing } from './missing.js';\nnothing();\n");
    const { code, stderr } = await loom('charm', 'build', 'bare');
    assert.equal(code, 1);
    assert.match(
      stderr,
      /^ERROR the charm did not build:\n {2}src\/charm\.ts:1:25: Could not resolve "\.\/missing\.js"\n/,
    );
    assert.equal(readFileSync(join(workspace, 'bare/dist/charm.mjs'), 'utf8'), before);
    assert.deepEqual(
      readdirSync(join(workspace, 'bare')).filter((name) => name.endsWith('.tmp')),
      [],
    );
  });

  it('refuses invalid metadata with file:line and its fix, and a charm with no entry point', async () => {
    write(
      'invalid/metadata.yaml',
      'name: invalid\nsummary: s\ndescription: d\nprovides:\n  juju-x: http\n',
    );
    const invalid = await loom('charm', 'build', 'invalid');
    assert.equal(invalid.code, 1);
    assert.match(
      invalid.stderr,
      /the charm in "invalid" is not valid:\n {2}invalid\/metadata\.yaml:5:\d+/,
    );
    assert.match(invalid.stderr, /\n {4}fix: /);

    write('empty/metadata.yaml', 'name: empty\nsummary: s\ndescription: d\n');
    const empty = await loom('charm', 'build', 'empty');
    assert.equal(empty.code, 1);
    assert.match(
      empty.stderr,
      /"empty" has neither src\/main\.ts nor src\/charm\.ts: .*loom charm init/,
    );
    assert.equal(existsSync(join(workspace, 'empty/dist')), false);
  });
});

describe('loom charm pack', () => {
  it('writes <name>_ubuntu-22.04-amd64.charm holding the metadata, dispatch 0755, the bundle and manifest.yaml', async () => {
    const { code, stdout, stderr } = await loom('charm', 'pack', 'greeter');
    assert.equal(stderr, '');
    assert.equal(code, 0);
    assert.match(
      stdout,
      /\nPacked greeter into greeter_ubuntu-22\.04-amd64\.charm \(\d+ files, [\d.]+ KiB\)\n$/,
    );
    const files = await readCharmArchive(join(workspace, 'greeter_ubuntu-22.04-amd64.charm'));
    const paths = files.map((file) => file.path);
    for (const expected of [
      'metadata.yaml',
      'config.yaml',
      'actions.yaml',
      'dispatch',
      'dist/charm.mjs',
      'manifest.yaml',
    ]) {
      assert.ok(paths.includes(expected), `${expected} in ${paths.join(', ')}`);
    }
    assert.ok(
      paths.every((path) => !path.startsWith('src/') && !path.startsWith('build/')),
      paths.join(', '),
    );
    assert.equal(files.find((file) => file.path === 'dispatch')?.mode, 0o755);
    const manifest = Buffer.from(
      files.find((file) => file.path === 'manifest.yaml')?.content ?? '',
      'base64',
    );
    assert.match(manifest.toString(), /bases:\n- name: ubuntu\n {2}channel: "22\.04"\n/);
  });

  it('writes where --output says, and names the path when it cannot', async () => {
    assert.equal((await loom('charm', 'pack', '-o', 'out.charm', 'greeter')).code, 0);
    assert.ok(statSync(join(workspace, 'out.charm')).size > 0);
    const { code, stderr } = await loom('charm', 'pack', '-o', 'nowhere/x.charm', 'greeter');
    assert.equal(code, 1);
    assert.match(stderr, /cannot write "nowhere\/x\.charm": .*give a writable path with --output/);
  });
});
