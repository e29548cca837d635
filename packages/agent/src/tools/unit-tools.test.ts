/**
 * The other hook tools, run as real processes: leadership (R7.14–R7.16), config-get (§7.6),
 * status (R7.17, R7.18), juju-log (§7.8), network (R7.19, R7.20), charm state (R7.21), actions
 * (§7.11), ports (R7.23, R7.24), goal-state, and unknown names (R6.8).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import { unitHook } from '@loom/core';

import { toolHarness } from '../test-support/tool-harness.js';
import type { ToolHarness } from '../test-support/tool-harness.js';
import type { ActionRun } from './tool-context.js';

const usage = (message: string) => ({ code: 2, stdout: '', stderr: `ERROR ${message}\n` });
const failure = (message: string) => ({ code: 1, stdout: '', stderr: `ERROR ${message}\n` });

describe('unit tools over the hook-tool socket', () => {
  let tools: ToolHarness;
  before(async () => {
    tools = await toolHarness();
  });
  after(() => tools.close());
  beforeEach(() => {
    tools.begin();
  });

  describe('leadership', () => {
    it('R7.14: is-leader prints True/False, json true/false', async () => {
      assert.equal((await tools.run('is-leader', [])).stdout, 'True\n');
      assert.equal((await tools.run('is-leader', ['--format=json'])).stdout, 'true\n');
      tools.begin({ unit: 'app/1' });
      assert.equal((await tools.run('is-leader', [])).stdout, 'False\n');
    });

    it('R7.15, R7.16: leader-set writes at once, leader-get reads it back; an empty value deletes', async () => {
      assert.equal((await tools.run('leader-set', ['mode=ha', 'size=3'])).code, 0);
      assert.deepEqual(Object.fromEntries(tools.state().leaderSettings.get('app')?.values ?? []), {
        mode: 'ha',
        size: '3',
      });
      assert.equal((await tools.run('leader-get', ['mode'])).stdout, 'ha\n');
      assert.equal((await tools.run('leader-set', ['size='])).code, 0);
      assert.equal((await tools.run('leader-get', ['--format=json'])).stdout, '{"mode":"ha"}\n');
      tools.begin({ unit: 'app/1' });
      assert.equal((await tools.run('leader-get', ['mode'])).stdout, 'ha\n');
      assert.equal((await tools.run('leader-get', ['absent', '--format=json'])).stdout, 'null\n');
    });

    it('R7.15, R7.16: errors: a key with "=", and leader-set by a non-leader', async () => {
      assert.deepEqual(await tools.run('leader-get', ['a=b']), usage('invalid key "a=b"'));
      tools.begin({ unit: 'app/1' });
      assert.deepEqual(
        await tools.run('leader-set', ['a=b']),
        failure('cannot write leadership settings: cannot write settings: not the leader'),
      );
    });
  });

  describe('config-get', () => {
    it('prints settings with defaults, typed; one key; --all with a key is a usage error', async () => {
      assert.equal((await tools.run('config-get', [])).stdout, 'tick: 0\n');
      assert.equal((await tools.run('config-get', ['--format=json'])).stdout, '{"tick":0}\n');
      assert.equal((await tools.run('config-get', ['tick', '--format=json'])).stdout, '0\n');
      assert.equal((await tools.run('config-get', ['unknown'])).stdout, '');
      assert.deepEqual(
        await tools.run('config-get', ['-a', 'tick']),
        usage('cannot use argument --all together with key "tick"'),
      );
    });
  });

  describe('status', () => {
    it("R7.17: status-set applies at once; ops' --application=False form works", async () => {
      assert.equal((await tools.run('status-set', ['maintenance', 'installing'])).code, 0);
      assert.deepEqual(tools.state().units.get('app/0')?.workloadStatus, {
        current: 'maintenance',
        message: 'installing',
      });
      // ops' own command line: status-set --application=False active -- msg
      const ops = await tools.run('status-set', [
        '--application=False',
        'active',
        '--',
        'ready now',
      ]);
      assert.equal(ops.code, 0, ops.stderr);
      assert.deepEqual(tools.state().units.get('app/0')?.workloadStatus, {
        current: 'active',
        message: 'ready now',
      });
    });

    it('R7.17: bad status words, missing and extra arguments, and --application by a non-leader', async () => {
      assert.deepEqual(
        await tools.run('status-set', ['happy']),
        usage('invalid status "happy", expected one of [maintenance blocked waiting active]'),
      );
      assert.deepEqual(
        await tools.run('status-set', []),
        usage('invalid args, require <status> [message]'),
      );
      assert.deepEqual(
        await tools.run('status-set', ['active', 'a', 'b']),
        usage('unrecognized args: ["b"]'),
      );
      tools.begin({ unit: 'app/1' });
      assert.deepEqual(
        await tools.run('status-set', ['--application', 'active']),
        failure('this unit is not the leader'),
      );
    });

    it('R7.22: application-version-set sets the workload version at once; one argument', async () => {
      assert.deepEqual(await tools.run('application-version-set', ['14.2-1']), {
        code: 0,
        stdout: '',
        stderr: '',
      });
      assert.equal(tools.state().units.get('app/0')?.workloadVersion, '14.2-1');
      assert.deepEqual(
        await tools.run('application-version-set', []),
        usage('no version specified'),
      );
      assert.deepEqual(
        await tools.run('application-version-set', ['1', '2']),
        usage('unrecognized args: ["2"]'),
      );
    });

    it('R7.18: status-get prints the word, or a map with --include-data or json', async () => {
      await tools.run('status-set', ['blocked', 'need db']);
      tools.begin();
      assert.equal((await tools.run('status-get', [])).stdout, 'blocked\n');
      assert.deepEqual(
        JSON.parse((await tools.run('status-get', ['--include-data', '--format=json'])).stdout),
        {
          message: 'need db',
          status: 'blocked',
          'status-data': {},
        },
      );
      const application = JSON.parse(
        (await tools.run('status-get', ['--application', '--format=json'])).stdout,
      ) as { 'application-status': { units: Record<string, unknown> } };
      assert.deepEqual(Object.keys(application['application-status'].units), ['app/0', 'app/1']);
      tools.begin({ unit: 'app/1' });
      assert.deepEqual(
        await tools.run('status-get', ['--application']),
        failure('finding application status: this unit is not the leader'),
      );
    });
  });

  describe('juju-log', () => {
    it('§7.8: logs at INFO, or the given level, prefixed in a relation hook; no message is an error', async () => {
      assert.equal((await tools.run('juju-log', ['hello', 'there'])).code, 0);
      assert.equal((await tools.run('juju-log', ['-l', 'WARNING', 'careful'])).code, 0);
      assert.equal((await tools.run('juju-log', ['--debug', 'detail'])).code, 0);
      assert.deepEqual(tools.logs, [
        'INFO database:0: hello there',
        'WARNING database:0: careful',
        'DEBUG database:0: detail',
      ]);
      assert.deepEqual(await tools.run('juju-log', []), usage('no message specified'));
    });
  });

  describe('network', () => {
    it('R7.20: unit-get prints the machine address', async () => {
      assert.equal((await tools.run('unit-get', ['private-address'])).stdout, '127.1.0.1\n');
      assert.equal((await tools.run('unit-get', ['public-address'])).stdout, '127.1.0.1\n');
      assert.deepEqual(await tools.run('unit-get', []), usage('no setting specified'));
      assert.deepEqual(await tools.run('unit-get', ['zone']), usage('unknown setting "zone"'));
    });

    it('R7.19: network-get: the whole map, one value, or several; unknown bindings fail', async () => {
      // ops' own command line: network-get --format=json -r 1 db
      const full = JSON.parse(
        (await tools.run('network-get', ['--format=json', '-r', '0', 'database'])).stdout,
      ) as {
        'bind-addresses': {
          'interface-name': string;
          addresses: { value: string; cidr: string }[];
        }[];
        'ingress-addresses': string[];
        'egress-subnets': string[];
      };
      assert.equal(full['bind-addresses'][0]?.addresses[0]?.value, '127.1.0.1');
      assert.deepEqual(full['ingress-addresses'], ['127.1.0.1']);
      assert.deepEqual(full['egress-subnets'], ['127.1.0.1/32']);
      assert.equal(
        (await tools.run('network-get', ['database', '--ingress-address'])).stdout,
        '127.1.0.1\n',
      );
      assert.equal(
        (await tools.run('network-get', ['database', '--bind-address', '--ingress-address']))
          .stdout,
        'bind-address: 127.1.0.1\ningress-address: 127.1.0.1\n',
      );
      assert.deepEqual(await tools.run('network-get', []), usage('no arguments specified'));
      assert.deepEqual(
        await tools.run('network-get', ['nowhere']),
        failure('no network config found for binding "nowhere"'),
      );
    });
  });

  describe('charm state', () => {
    it('R7.21: state-set buffers (empty values kept), state-get reads back, state-delete removes', async () => {
      assert.equal((await tools.run('state-set', ['a=1', 'empty='])).code, 0);
      assert.equal((await tools.run('state-get', ['a'])).stdout, '1\n');
      assert.equal(
        (await tools.run('state-get', ['--format=json'])).stdout,
        '{"a":"1","empty":""}\n',
      );
      assert.equal((await tools.run('state-delete', ['a'])).code, 0);
      assert.equal((await tools.run('state-get', ['a'])).stdout, '');
      assert.deepEqual(await tools.run('state-get', ['--strict', 'a']), failure('"a" not found'));
      assert.deepEqual(Object.fromEntries(tools.context().hook.changedCharmState() ?? []), {
        empty: '',
      });
      assert.equal(
        tools.state().charmState.get('app/0'),
        undefined,
        'nothing written before the commit',
      );
    });
  });

  describe('actions', () => {
    function backup(): ActionRun {
      return {
        name: 'backup',
        id: '7',
        params: { target: { path: '/srv' }, compress: true },
        results: {},
        failure: undefined,
        log: () => Promise.resolve(),
      };
    }

    it('§7.11: outside an action every action tool fails', async () => {
      for (const tool of ['action-get', 'action-set', 'action-fail', 'action-log'])
        assert.deepEqual(await tools.run(tool, ['x=1']), failure('not running an action'), tool);
    });

    it('§7.11: action-get reads (nested) parameters; action-set builds nested results', async () => {
      const action = backup();
      tools.begin({ action, hook: unitHook('install') });
      assert.equal((await tools.run('action-get', ['target.path'])).stdout, '/srv\n');
      assert.equal((await tools.run('action-get', ['compress', '--format=json'])).stdout, 'true\n');
      assert.equal((await tools.run('action-set', ['result.size=10', 'done=yes'])).code, 0);
      assert.deepEqual(action.results, { result: { size: '10' }, done: 'yes' });
      assert.deepEqual(
        await tools.run('action-set', ['Bad=1']),
        usage(
          'key "Bad" must start and end with lowercase alphanumeric, and contain only lowercase alphanumeric, hyphens and periods',
        ),
      );
      assert.deepEqual(
        await tools.run('action-set', ['stdout=x']),
        usage('cannot set reserved action key "stdout"'),
      );
      assert.deepEqual(
        await tools.run('action-set', ['nokey']),
        usage('argument "nokey" must be of the form key...=value'),
      );
      assert.equal((await tools.run('action-fail', [])).code, 0);
      assert.equal(action.failure, 'action failed without reason given, check action for errors');
    });
  });

  describe('ports', () => {
    it('R7.23, R7.24: open-port and close-port are deferred; opened-ports shows the hook-start ranges', async () => {
      assert.equal((await tools.run('open-port', ['80'])).code, 0);
      assert.equal((await tools.run('open-port', ['8000-8010/udp'])).code, 0);
      assert.equal((await tools.run('open-port', ['icmp'])).code, 0);
      assert.equal((await tools.run('close-port', ['8000-8010/udp'])).code, 0);
      const { open, close } = tools.context().hook.portChanges() ?? { open: [], close: [] };
      assert.deepEqual(
        open.map((port) => `${port.protocol}:${port.from}-${port.to}`),
        ['tcp:80-80', 'icmp:0-0'],
      );
      assert.equal(close.length, 1);
      assert.equal((await tools.run('opened-ports', [])).stdout, '');
      assert.deepEqual(await tools.run('open-port', []), usage('no port or range specified'));
      assert.deepEqual(
        await tools.run('open-port', ['0']),
        usage('port range bounds must be between 1 and 65535, got 0-0'),
      );
      assert.deepEqual(
        await tools.run('open-port', ['80/sctp']),
        usage('invalid protocol "sctp", expected "tcp", "udp", or "icmp"'),
      );
    });
  });

  describe('the rest', () => {
    it("goal-state lists the application's units and its related applications and units", async () => {
      const goal = JSON.parse((await tools.run('goal-state', ['--format=json'])).stdout) as {
        units: Record<string, { status: string }>;
        relations: Record<string, Record<string, { status: string }>>;
      };
      assert.deepEqual(Object.keys(goal.units), ['app/0', 'app/1']);
      assert.deepEqual(Object.keys(goal.relations.database ?? {}).sort(), ['db', 'db/0']);
    });

    it('R6.8: a tool Loom does not model says so; a name Juju does not know is refused', async () => {
      assert.deepEqual(
        await tools.run('secret-get', ['x']),
        failure(
          'secret-get is not supported by Loom yet (secrets, storage, payloads, resources, metrics and Kubernetes specs are not modelled)',
        ),
      );
    });

    it('R6.7, R6.8: a wrong context id is refused; a missing variable is named', async () => {
      assert.deepEqual(
        await tools.run('is-leader', [], { env: { JUJU_CONTEXT_ID: 'app/0-forged-1' } }),
        failure(`bad request: expected context id "${tools.contextId()}", got "app/0-forged-1"`),
      );
      assert.deepEqual(
        await tools.run('is-leader', [], { env: { JUJU_CONTEXT_ID: '' } }),
        failure('JUJU_CONTEXT_ID not set'),
      );
    });
  });
});
