/**
 * `npm start` runs Loom's main job, the demo model end to end, in a fresh LOOM_HOME: the demo
 * bundle deployed and settled with every unit active and idle, the expected relation data on
 * both sides; a second run reuses the model and deploys nothing. Then, on that model, removing
 * the database leader elects a new one (R5.21), the webapp units get the departed hook for it
 * and the new leader's host (R3.10, R4.6), and the proxy still lists both webapp backends.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { REPOSITORY_ROOT, runProcess } from './repository.js';

const LOOM = join(REPOSITORY_ROOT, 'packages', 'cli', 'bin', 'loom.js');

interface StatusUnit {
  readonly 'workload-status': { readonly current: string; readonly message?: string };
  readonly 'juju-status': { readonly current: string };
  readonly leader?: boolean;
  readonly subordinates?: Readonly<Record<string, StatusUnit>>;
}

interface Status {
  readonly applications: Readonly<
    Record<string, { readonly units?: Readonly<Record<string, StatusUnit>> }>
  >;
}

describe('npm start', () => {
  let scratch = '';
  let home = '';
  const loom = (...argv: string[]) =>
    runProcess(process.execPath, [LOOM, ...argv], { env: { LOOM_HOME: home } });
  const status = async (): Promise<Status> => {
    const result = await loom('status', '--format', 'json');
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as Status;
  };
  const units = (current: Status) =>
    Object.entries(current.applications).flatMap(([, application]) =>
      Object.entries(application.units ?? {}).flatMap(([name, unit]) => [
        [name, unit] as const,
        ...Object.entries(unit.subordinates ?? {}),
      ]),
    );

  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'loom-npm-start-'));
    home = join(scratch, 'home');
  });
  after(async () => {
    await loom('kill-controller', '-y');
    await rm(scratch, { recursive: true, force: true });
  });

  it('deploys the demo bundle and settles with every unit active and idle', async () => {
    const result = await runProcess('npm', ['start', '--silent'], {
      env: { LOOM_HOME: home },
      timeoutMs: 300_000,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout + result.stderr, /Deploy of bundle completed\./);
    assert.match(result.stdout, /\n {2}settling \(\d+ s\): \d+ units, \d+ idle, \d+ active\n/);
    assert.match(result.stdout, /\nSettled in [\d.]+ s\.\n/);
    assert.match(result.stdout, /\nIntegration provider +Requirer +Interface +Type/);
    const all = units(await status());
    assert.equal(all.length, 8);
    for (const [name, unit] of all) {
      assert.equal(unit['workload-status'].current, 'active', name);
      assert.equal(unit['juju-status'].current, 'idle', name);
    }
  });

  it('shows the credentials the database leader wrote, from both sides', async () => {
    const webapp = await loom(
      'show-unit',
      'webapp/0',
      '--endpoint',
      'database',
      '--format',
      'json',
    );
    const info = (
      JSON.parse(webapp.stdout) as Record<
        string,
        { 'relation-info': { 'application-data': Record<string, string> }[] }
      >
    )['webapp/0'];
    const credentials = info?.['relation-info'][0]?.['application-data'] ?? {};
    assert.equal(credentials.user, 'webapp');
    assert.equal(credentials.port, '5432');
    assert.match(credentials.password ?? '', /^[0-9a-f]{24}$/);
    const current = await status();
    const leader = Object.entries(current.applications.database?.units ?? {}).find(
      ([, unit]) => unit.leader === true,
    )?.[0];
    assert.ok(leader !== undefined);
    const leaderView = await loom(
      'show-unit',
      leader,
      '--endpoint',
      'database',
      '--format',
      'json',
    );
    assert.match(leaderView.stdout, /"webapp\/0"/);
  });

  it('reuses the model when run again, deploying nothing', async () => {
    const result = await runProcess('npm', ['start', '--silent'], {
      env: { LOOM_HOME: home },
      timeoutMs: 300_000,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /The demo is deployed already: reusing the model\./);
    assert.doesNotMatch(result.stdout + result.stderr, /Deploy of bundle/);
    assert.equal(units(await status()).length, 8);
  });

  it('elects a new database leader when the leader is removed; webapp follows it and the proxy keeps both backends', async () => {
    const before = await status();
    const leader = Object.entries(before.applications.database?.units ?? {}).find(
      ([, unit]) => unit.leader === true,
    )?.[0];
    assert.ok(leader !== undefined);
    const webappUnits = Object.keys(before.applications.webapp?.units ?? {});
    const hookCounts = async (unit: string) => {
      const log = (await loom('debug-log', '--replay', '--no-tail', '-i', unit)).stdout;
      const count = (hook: string) => log.split(`ran "${hook}" hook`).length - 1;
      return {
        departed: count('database-relation-departed'),
        changed: count('database-relation-changed'),
      };
    };
    const countsBefore = new Map<string, { departed: number; changed: number }>();
    for (const unit of webappUnits) countsBefore.set(unit, await hookCounts(unit));
    assert.equal((await loom('remove-unit', leader)).code, 0);
    assert.equal((await loom('wait', '--timeout', '2m')).code, 0);
    const current = await status();
    const database = current.applications.database?.units ?? {};
    assert.equal(Object.keys(database).length, 2);
    const newLeader = Object.entries(database).find(([, unit]) => unit.leader === true)?.[0];
    assert.ok(newLeader !== undefined && newLeader !== leader);
    const host = (
      await loom('exec', '--unit', newLeader, '--', 'unit-get private-address')
    ).stdout.trim();
    for (const [name, unit] of Object.entries(current.applications.webapp?.units ?? {})) {
      assert.equal(
        unit['workload-status'].message,
        `serving on :8080 with database at ${host}`,
        name,
      );
      // R3.10: one departed hook for the old leader; R4.6: changed for the new host.
      const counts = await hookCounts(name);
      const previous = countsBefore.get(name) ?? { departed: 0, changed: 0 };
      assert.equal(counts.departed, previous.departed + 1, `${name} departed`);
      assert.ok(counts.changed > previous.changed, `${name} changed`);
    }
    const proxy = current.applications.proxy?.units?.['proxy/0'];
    assert.match(proxy?.['workload-status'].message ?? '', /^backends: [\d.]+:8080, [\d.]+:8080$/);
  });
});
