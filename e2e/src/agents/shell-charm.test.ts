/**
 * A charm written in plain shell (examples/charms/hook-recorder) run by real machine agents:
 * each unit's hooks in the spec's order (§9.1, S1–S3), the JUJU_* environment each hook saw
 * (R6.4, R6.5), and the data relation-get returned, all read back from the debug log.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { sequenceOf, settled } from './hook-records.js';
import type { RecordedHook } from './hook-records.js';
import { controllerForSuite, RECORDER } from './recorder-suite.js';

const model = 'default';

/** The hooks of `unit` after the first `count` it ran, leaving out its peer relation's. */
function after_(hooks: readonly RecordedHook[], unit: string, count: number): string[] {
  return sequenceOf(hooks, unit)
    .slice(count)
    .filter((hook) => !hook.startsWith('peers-'));
}

describe('a shell charm under real machine agents', () => {
  const suite = controllerForSuite();
  let hooks: RecordedHook[] = [];

  it('S1: every unit installs, is elected or told of the leader, configures and starts', async () => {
    await suite.client.call('deploy', { model, application: 'db', charm: { path: RECORDER } });
    await suite.client.call('deploy', {
      model,
      application: 'app',
      charm: { path: RECORDER },
      numUnits: 2,
    });
    hooks = await settled(suite.client, model, (recorded) =>
      ['db/0', 'app/0', 'app/1'].every((unit) => sequenceOf(recorded, unit).includes('start')),
    );
    const leaders = (await suite.client.call('status', { model })).units.filter(
      (unit) => unit.leader,
    );
    const appLeader = leaders.find((unit) => unit.application === 'app')?.name ?? '';
    const appOther = appLeader === 'app/0' ? 'app/1' : 'app/0';
    for (const unit of ['db/0', appLeader])
      assert.deepEqual(
        sequenceOf(hooks, unit).filter((hook) => !hook.startsWith('peers-')),
        ['install', 'leader-elected', 'config-changed', 'start'],
        unit,
      );
    assert.deepEqual(
      sequenceOf(hooks, appOther).filter((hook) => !hook.startsWith('peers-')),
      ['install', 'leader-settings-changed', 'config-changed', 'start'],
    );
  });

  it("R6.4: each hook saw exactly Juju's variables, with the unit, model and socket", () => {
    const install = hooks.find((hook) => hook.unit === 'app/1' && hook.hook === 'install');
    assert.ok(install !== undefined);
    const environment = install.environment;
    assert.equal(environment.JUJU_UNIT_NAME, 'app/1');
    assert.equal(environment.JUJU_MODEL_NAME, 'default');
    assert.match(environment.JUJU_MODEL_UUID ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(environment.JUJU_HOOK_NAME, 'install');
    assert.equal(environment.JUJU_DISPATCH_PATH, 'hooks/install');
    assert.match(environment.JUJU_CONTEXT_ID ?? '', /^app\/1-install-\d+$/);
    assert.equal(environment.JUJU_AGENT_SOCKET_NETWORK, 'unix');
    assert.match(environment.JUJU_AGENT_SOCKET_ADDRESS ?? '', /\/app-1\.sock$/);
    assert.equal(environment.JUJU_VERSION, '3.0.3');
    assert.match(environment.JUJU_CHARM_DIR ?? '', /\/app-1\/charm$/);
    assert.equal(environment.JUJU_PRINCIPAL_UNIT, '');
    assert.match(environment.JUJU_API_ADDRESSES ?? '', /^127\.0\.0\.1:\d+$/);
    assert.equal(
      environment.JUJU_RELATION,
      undefined,
      'no relation variables outside relation hooks',
    );
  });

  it('S1: integrate runs created, then joined and changed for each remote unit, with their data', async () => {
    const before = new Map(
      ['db/0', 'app/0', 'app/1'].map((unit) => [unit, sequenceOf(hooks, unit).length]),
    );
    // Each application's peer relation came first (ids 0 and 1).
    const { relationId } = await suite.client.call('integrate', {
      model,
      endpoints: ['app:sink', 'db:source'],
    });
    assert.equal(relationId, 2);
    hooks = await settled(
      suite.client,
      model,
      (recorded) =>
        sequenceOf(recorded, 'db/0').filter((hook) => hook.startsWith('source-relation-changed'))
          .length >= 2,
    );
    assert.deepEqual(after_(hooks, 'db/0', before.get('db/0') ?? 0), [
      'source-relation-created (app app)',
      'source-relation-joined (app/0)',
      'source-relation-changed (app/0)',
      'source-relation-joined (app/1)',
      'source-relation-changed (app/1)',
    ]);
    for (const unit of ['app/0', 'app/1'])
      assert.deepEqual(after_(hooks, unit, before.get(unit) ?? 0), [
        'sink-relation-created (app db)',
        'sink-relation-joined (db/0)',
        'sink-relation-changed (db/0)',
      ]);
    // R6.5: relation variables, and db/0's bag as app/0 read it (R4.3's address keys).
    const changed = hooks.find(
      (hook) => hook.unit === 'app/0' && hook.hook === 'sink-relation-changed',
    );
    assert.ok(changed !== undefined);
    assert.equal(changed.environment.JUJU_RELATION, 'sink');
    assert.equal(changed.environment.JUJU_RELATION_ID, 'sink:2');
    assert.equal(changed.environment.JUJU_REMOTE_UNIT, 'db/0');
    assert.equal(changed.environment.JUJU_REMOTE_APP, 'db');
    const saw = changed.saw;
    assert.ok(saw !== undefined);
    assert.deepEqual(Object.keys(saw).sort(), [
      'egress-subnets',
      'ingress-address',
      'private-address',
    ]);
    const address = saw['private-address'] ?? '';
    assert.match(address, /^127\.\d+\.\d+\.\d+$/);
    assert.equal(saw['ingress-address'], address);
    assert.equal(saw['egress-subnets'], `${address}/32`);
    const created = hooks.find(
      (hook) => hook.unit === 'db/0' && hook.hook === 'source-relation-created',
    );
    assert.equal(created?.environment.JUJU_REMOTE_UNIT, '', 'present but empty in -created');
  });

  it('S2: a unit-bag write runs -changed on the remote units only, and they read it', async () => {
    const before = new Map(
      ['db/0', 'app/0', 'app/1'].map((unit) => [unit, sequenceOf(hooks, unit).length]),
    );
    await suite.client.call('configure', {
      model,
      application: 'db',
      settings: { 'unit-settings': 'host=10.0.0.9 port=5432' },
    });
    hooks = await settled(suite.client, model, (recorded) =>
      ['app/0', 'app/1'].every(
        (unit) => sequenceOf(recorded, unit).length > (before.get(unit) ?? 0),
      ),
    );
    assert.deepEqual(after_(hooks, 'db/0', before.get('db/0') ?? 0), ['config-changed']);
    for (const unit of ['app/0', 'app/1']) {
      assert.deepEqual(after_(hooks, unit, before.get(unit) ?? 0), [
        'sink-relation-changed (db/0)',
      ]);
      const saw = hooks.filter((hook) => hook.unit === unit).at(-1)?.saw;
      assert.ok(saw !== undefined);
      assert.equal(saw.host, '10.0.0.9');
      assert.equal(saw.port, '5432');
    }
  });

  it('S3: an application-bag write by the leader runs an application-level -changed', async () => {
    const before = new Map(
      ['db/0', 'app/0', 'app/1'].map((unit) => [unit, sequenceOf(hooks, unit).length]),
    );
    await suite.client.call('configure', {
      model,
      application: 'db',
      settings: { 'app-settings': 'dbname=site' },
    });
    hooks = await settled(suite.client, model, (recorded) =>
      ['app/0', 'app/1'].every(
        (unit) => sequenceOf(recorded, unit).length > (before.get(unit) ?? 0),
      ),
    );
    assert.deepEqual(after_(hooks, 'db/0', before.get('db/0') ?? 0), ['config-changed']);
    for (const unit of ['app/0', 'app/1'])
      assert.deepEqual(after_(hooks, unit, before.get(unit) ?? 0), [
        'sink-relation-changed (app db)',
      ]);
  });

  it('S4: a non-leader may neither write nor read its own application bag; the leader may read it', async () => {
    const units = (await suite.client.call('status', { model })).units;
    const leader = units.find((unit) => unit.application === 'app' && unit.leader)?.name ?? '';
    const other = leader === 'app/0' ? 'app/1' : 'app/0';
    const write = await suite.exec(other, 'relation-set -r sink:2 --app x=1');
    assert.deepEqual(write, {
      code: 1,
      stdout: '',
      stderr: 'ERROR cannot write relation settings\n',
    });
    const read = await suite.exec(other, 'relation-get -r sink:2 --app - app');
    assert.deepEqual(read, { code: 1, stdout: '', stderr: 'ERROR permission denied\n' });
    const byLeader = await suite.exec(leader, 'relation-get -r sink:2 --app - app');
    assert.deepEqual(byLeader, { code: 0, stdout: '{}\n', stderr: '' });
  });

  it('S6: removing a unit runs -departed on the other side, and departed, broken, stop, remove on it', async () => {
    // The non-leader goes, so leadership does not move (that is S15).
    const units = (await suite.client.call('status', { model })).units;
    const kept = units.find((unit) => unit.application === 'app' && unit.leader)?.name ?? '';
    const gone = kept === 'app/0' ? 'app/1' : 'app/0';
    const before = new Map(
      ['db/0', kept, gone].map((unit) => [unit, sequenceOf(hooks, unit).length]),
    );
    await suite.client.call('remove-unit', { model, units: [gone] });
    hooks = await settled(suite.client, model, (recorded) =>
      sequenceOf(recorded, gone).includes('remove'),
    );
    assert.deepEqual(after_(hooks, 'db/0', before.get('db/0') ?? 0), [
      `source-relation-departed (${gone})`,
    ]);
    assert.deepEqual(after_(hooks, gone, before.get(gone) ?? 0), [
      'sink-relation-departed (db/0)',
      'sink-relation-broken (app db)',
      'stop',
      'remove',
    ]);
    assert.deepEqual(after_(hooks, kept, before.get(kept) ?? 0), []);
    const departed = hooks.find(
      (hook) => hook.unit === 'db/0' && hook.hook === 'source-relation-departed',
    );
    assert.equal(departed?.environment.JUJU_DEPARTING_UNIT, gone);
    const left = (await suite.client.call('status', { model })).units.map((unit) => unit.name);
    assert.deepEqual(left, [kept, 'db/0'].sort());
  });

  it('S23: remove-relation runs -departed for each remote unit, then -broken, on every unit', async () => {
    const app =
      (await suite.client.call('status', { model })).units.find(
        (unit) => unit.application === 'app',
      )?.name ?? '';
    const before = new Map(['db/0', app].map((unit) => [unit, sequenceOf(hooks, unit).length]));
    await suite.client.call('remove-relation', { model, relationId: 2 });
    hooks = await settled(suite.client, model, (recorded) =>
      ['db/0', app].every((unit) =>
        sequenceOf(recorded, unit).some((hook) => hook.includes('-relation-broken')),
      ),
    );
    assert.deepEqual(after_(hooks, 'db/0', before.get('db/0') ?? 0), [
      `source-relation-departed (${app})`,
      'source-relation-broken (app app)',
    ]);
    assert.deepEqual(after_(hooks, app, before.get(app) ?? 0), [
      'sink-relation-departed (db/0)',
      'sink-relation-broken (app db)',
    ]);
    const { relations } = await suite.client.call('status', { model });
    assert.deepEqual(
      relations.filter((relation) => !relation.peer),
      [],
      'the last unit to leave removed the relation',
    );
  });
});
