/**
 * The seed's example charms, written in TypeScript on @loom/ops (examples/charms), built with
 * `loom charm build` and run under real agents: the SpecialCharm pair exchanges leader-uuid
 * (provider's application bag), special-field (each provider unit's bag) and token (each
 * requirer unit's bag); the peer charm's leader publishes leader-ip (R4, S12) and every unit
 * keeps it in stored state held by the controller. Asserts the data each side ends with.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';

import { controllerForSuite } from '../agents/recorder-suite.js';
import { REPOSITORY_ROOT } from '../repository.js';

const model = 'default';
const EXAMPLES = join(REPOSITORY_ROOT, 'examples', 'charms');

/** The token special-requirer derives (examples/charms/special-requirer/src/charm.ts). */
function tokenFor(leaderUuid: string, specialField: string): string {
  return createHash('sha256').update(`${leaderUuid}:${specialField}`).digest('hex').slice(0, 16);
}

describe('the seed examples in TypeScript under real agents', () => {
  const suite = controllerForSuite();

  /** A hook tool's JSON answer on `unit`. */
  const tool = async (unit: string, command: string): Promise<unknown> => {
    const result = await suite.exec(unit, `${command} --format=json`);
    assert.equal(result.code, 0, `${command} on ${unit}: ${result.stderr}`);
    return JSON.parse(result.stdout) as unknown;
  };

  /** Waits until every unit's workload message satisfies `settled`. */
  const settle = async (settled: (unit: string, message: string) => boolean) => {
    for (const deadline = Date.now() + 120_000; ;) {
      const { units } = await suite.client.call('status', { model });
      if (units.every((unit) => settled(unit.name, unit.workloadStatus.message))) return units;
      if (Date.now() > deadline)
        throw new Error(
          `not settled: ${units.map((unit) => `${unit.name}: ${unit.workloadStatus.current} ${unit.workloadStatus.message}`).join('; ')}`,
        );
      await sleep(250);
    }
  };

  it('builds each example with loom charm build and deploys it', async () => {
    for (const [charm, units] of [
      ['special-provider', 2],
      ['special-requirer', 2],
      ['database', 3],
    ] as const) {
      const directory = join(suite.controller.scratch, charm);
      await cp(join(EXAMPLES, charm), directory, { recursive: true });
      const built = await suite.controller.loom('charm', 'build', directory);
      assert.equal(built.code, 0, built.stderr);
      await suite.client.call('deploy', {
        model,
        application: charm,
        charm: { path: directory },
        numUnits: units,
      });
    }
    await suite.client.call('integrate', {
      model,
      endpoints: ['special-provider:special', 'special-requirer:special'],
    });
  });

  it('exchanges leader-uuid, special-field and token between provider and requirer', async () => {
    await settle((unit, message) =>
      unit.startsWith('special-provider/')
        ? message === 'tokens from 2 units'
        : unit.startsWith('special-requirer/')
          ? message === 'token sent to special-provider'
          : true,
    );
    const [relation = ''] = (await tool('special-requirer/0', 'relation-ids special')) as string[];
    const providerApp = (await tool(
      'special-requirer/0',
      `relation-get -r ${relation} --app - special-provider`,
    )) as Record<string, string>;
    const leaderUuid = providerApp['leader-uuid'] ?? '';
    assert.match(leaderUuid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const fields: string[] = [];
    for (const provider of ['special-provider/0', 'special-provider/1']) {
      const bag = (await tool(
        'special-requirer/0',
        `relation-get -r ${relation} - ${provider}`,
      )) as Record<string, string>;
      assert.equal(bag['special-field'], `${provider} is special`);
      fields.push(bag['special-field'] ?? '');
    }
    const expected = fields.map((field) => tokenFor(leaderUuid, field));
    for (const requirer of ['special-requirer/0', 'special-requirer/1']) {
      const bag = (await tool(
        'special-provider/0',
        `relation-get -r ${relation} - ${requirer}`,
      )) as Record<string, string>;
      assert.ok(expected.includes(bag.token ?? ''), `${requirer} token ${bag.token ?? ''}`);
    }
  });

  it("the database leader publishes leader-ip and every unit keeps the leader's address", async () => {
    const units = await settle((unit, message) =>
      unit.startsWith('database/') ? message.startsWith('leader at ') : true,
    );
    const leader = units.find((unit) => unit.application === 'database' && unit.leader);
    assert.ok(leader !== undefined);
    const network = (await tool(leader.name, 'network-get replicas')) as {
      'ingress-addresses': string[];
    };
    const [address = ''] = network['ingress-addresses'];
    for (const unit of units.filter((candidate) => candidate.application === 'database')) {
      assert.equal(unit.workloadStatus.message, `leader at ${address}`, unit.name);
      const [relation = ''] = (await tool(unit.name, 'relation-ids replicas')) as string[];
      assert.deepEqual(await tool(unit.name, `relation-get -r ${relation} --app - database`), {
        'leader-ip': address,
      });
      const state = (await tool(unit.name, 'state-get')) as Record<string, string>;
      assert.deepEqual(
        JSON.parse(state['loom.snapshot.DatabaseCharm/StoredStateData[stored]'] ?? '{}'),
        {
          leaderIp: address,
        },
      );
    }
  });
});
