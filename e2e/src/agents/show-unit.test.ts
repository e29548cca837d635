/**
 * `loom show-unit` through the real CLI: the data it shows is what the hooks wrote (R4.1–R4.3:
 * the unit's own bag with its address keys, the related application's bag, each related unit's
 * bag), in `juju show-unit`'s shape, narrowed by --endpoint, --related-unit and --app.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { settled } from './hook-records.js';
import { controllerForSuite, RECORDER } from './recorder-suite.js';

const model = 'default';

interface UnitData {
  'in-scope': boolean;
  data: Record<string, string>;
}
interface RelationInfo {
  'relation-id': number;
  endpoint: string;
  'related-endpoint': string;
  'application-data': Record<string, string>;
  'local-unit'?: UnitData;
  'related-units'?: Record<string, UnitData>;
}
interface UnitInfo {
  machine: string;
  'opened-ports': string[];
  'public-address': string;
  charm: string;
  leader: boolean;
  life: string;
  'relation-info'?: RelationInfo[];
}

describe('loom show-unit on real agents', () => {
  const suite = controllerForSuite();
  const showUnit = async (...argv: string[]) => {
    const result = await suite.controller.loom('show-unit', ...argv, '--format', 'json');
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout) as Record<string, UnitInfo>;
  };

  it('shows what the hooks wrote: own, related application and related unit data', async () => {
    for (const [application, units] of [
      ['db', '1'],
      ['app', '2'],
    ] as const) {
      const deployed = await suite.controller.loom('deploy', RECORDER, application, '-n', units);
      assert.equal(deployed.code, 0, deployed.stderr);
    }
    assert.equal((await suite.controller.loom('integrate', 'app:sink', 'db:source')).code, 0);
    await settled(suite.client, model);
    // config-changed writes the settings into every relation the unit has (the recorder's rule).
    for (const [application, settings] of [
      ['db', ['unit-settings=host=db-host', 'app-settings=url=postgres://db']],
      ['app', ['unit-settings=wanted=yes']],
    ] as const) {
      assert.equal((await suite.controller.loom('config', application, ...settings)).code, 0);
    }
    await settled(suite.client, model);

    const shown = await showUnit('app/0');
    const info = shown['app/0'];
    assert.ok(info !== undefined);
    assert.equal(info.charm, 'local:hook-recorder-1');
    assert.equal(info.life, 'alive');
    const sink = info['relation-info']?.find((relation) => relation.endpoint === 'sink');
    assert.ok(sink !== undefined, JSON.stringify(info));
    assert.equal(sink['related-endpoint'], 'source');
    assert.deepEqual(sink['application-data'], { url: 'postgres://db' });
    assert.equal(sink['local-unit']?.['in-scope'], true);
    assert.equal(sink['local-unit'].data.wanted, 'yes');
    // R4.3: the unit's own address keys are in its bag from the start.
    assert.equal(sink['local-unit'].data['private-address'], info['public-address']);
    const db = sink['related-units']?.['db/0'];
    assert.equal(db?.['in-scope'], true);
    assert.equal(db.data.host, 'db-host');
    assert.equal(db.data['ingress-address'], db.data['private-address']);

    // Peers: the other app unit is a related unit of the peer relation.
    const peers = info['relation-info']?.find((relation) => relation.endpoint === 'peers');
    assert.deepEqual(Object.keys(peers?.['related-units'] ?? {}), ['app/1']);
  });

  it('narrows with --endpoint, --related-unit and --app', async () => {
    const byEndpoint = (await showUnit('app/0', '--endpoint', 'sink'))['app/0'];
    assert.deepEqual(
      byEndpoint?.['relation-info']?.map((relation) => relation.endpoint),
      ['sink'],
    );
    const appOnly = (await showUnit('app/0', '--endpoint', 'sink', '--app'))['app/0'];
    assert.deepEqual(appOnly?.['relation-info']?.[0], {
      'relation-id': appOnly?.['relation-info']?.[0]?.['relation-id'],
      endpoint: 'sink',
      'related-endpoint': 'source',
      'application-data': { url: 'postgres://db' },
    });
    const one = (await showUnit('db/0', '--related-unit', 'app/1'))['db/0'];
    const source = one?.['relation-info']?.find((relation) => relation.endpoint === 'source');
    assert.deepEqual(Object.keys(source?.['related-units'] ?? {}), ['app/1']);
  });

  it('refuses an unknown unit, saying how to list them', async () => {
    const result = await suite.controller.loom('show-unit', 'nope/0');
    assert.equal(result.code, 1);
    assert.equal(result.stderr, 'ERROR unit "nope/0" not found; run "loom status" to list units\n');
  });
});
