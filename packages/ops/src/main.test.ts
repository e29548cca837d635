/**
 * main's dispatch rules (spec/ops-api.md §3.1–§3.3): the event from JUJU_DISPATCH_PATH, deferred
 * events handed back first and the queue logged, relation events with their relation, actions
 * with their parameters, collect-status picking the highest priority, and a hook that throws
 * committing nothing. The hook tools are answered from memory, as a small Juju would.
 */
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { z } from 'zod';

import { HookToolBackend } from './backend/hook-tool-backend.js';
import type { ToolResult, ToolRunner } from './backend/tool-runner.js';
import { CharmBase } from './charm/charm-base.js';
import { LegacyHookError } from './charm/legacy-hook.js';
import type { ActionEvent, CollectStatusEvent, RelationChangedEvent } from './charm/hook-events.js';
import type { Framework } from './framework/framework.js';
import { StoredState } from './framework/stored-state.js';
import { MemoryUnitStateStore } from './framework/unit-state.js';
import { eventNameOf } from './juju-context.js';
import { main } from './main.js';
import { ActiveStatus, BlockedStatus, WaitingStatus } from './model/status.js';

/** A small Juju: one relation db:3 with pg/0, bags in memory, every call recorded. */
class TinyJuju implements ToolRunner {
  readonly calls: string[] = [];
  readonly bags: Record<string, Record<string, string>> = {
    'pg/0': { host: 'h' },
    pg: {},
    'demo/0': {},
    demo: {},
  };
  leader = true;
  params: Record<string, unknown> = { target: '/srv' };
  run(command: string, args: readonly string[], stdin?: string): Promise<ToolResult> {
    this.calls.push([command, ...args].join(' '));
    const ok = (value: unknown) =>
      Promise.resolve({ code: 0, stdout: JSON.stringify(value), stderr: '' });
    switch (command) {
      case 'relation-ids':
        return ok(args[0] === 'db' ? ['db:3'] : []);
      case 'relation-list':
        return ok(args.includes('--app') ? 'pg' : ['pg/0']);
      case 'relation-get':
        return ok(this.bags[args.at(-1) ?? ''] ?? {});
      case 'relation-set': {
        const owner = args.includes('--app') ? 'demo' : 'demo/0';
        Object.assign(this.bags[owner] ?? {}, JSON.parse(stdin ?? '{}') as object);
        return ok(null);
      }
      case 'is-leader':
        return ok(this.leader);
      case 'action-get':
        return ok(this.params);
      default:
        return ok(null);
    }
  }
}

class Demo extends CharmBase {
  readonly stored = new StoredState(this, '_stored', { configs: 0 });
  static deferConfig = false;
  static failInstall = false;

  constructor(framework: Framework) {
    super(framework);
    framework.observe(this.on.install, this.onInstall);
    framework.observe(this.on.configChanged, this.onConfigChanged);
    framework.observe(this.on.relation('db').changed, this.onDbChanged);
    framework.observe(this.on.action('backup'), this.onBackup);
    framework.observe(this.on.collectUnitStatus, this.onCollectUnit);
  }

  private readonly onInstall = (): void => {
    this.stored.data.configs += 100;
    if (Demo.failInstall) throw new Error('install failed');
  };

  private readonly onConfigChanged = (event: { defer(): void }): void => {
    this.stored.data.configs += 1;
    if (Demo.deferConfig) event.defer();
  };

  private readonly onDbChanged = async (event: RelationChangedEvent): Promise<void> => {
    const host = await event.relation.data.unit('pg/0').get('host');
    await event.relation.data
      .unit(this.unit.name)
      .set('seen', `${event.unit?.name ?? ''}:${host ?? ''}`);
    await event.relation.save({ token: 'abc' }, this.app);
  };

  private readonly onBackup = async (event: ActionEvent): Promise<void> => {
    const { target } = event.loadParams(z.object({ target: z.string() }));
    await event.setResults({ done: { to: target } });
  };

  private readonly onCollectUnit = (event: CollectStatusEvent): void => {
    event.addStatus(new ActiveStatus());
    event.addStatus(new WaitingStatus('for db'));
    event.addStatus(new BlockedStatus('no config'));
  };
}

describe('main', () => {
  let charmDir: string;
  before(async () => {
    charmDir = await mkdtemp(join(tmpdir(), 'loom-ops-main-'));
    await writeFile(
      join(charmDir, 'metadata.yaml'),
      'name: demo\nsummary: s\ndescription: d\nrequires:\n  db:\n    interface: pgsql\n',
    );
    await writeFile(join(charmDir, 'actions.yaml'), 'backup:\n  description: back up\n');
  });
  after(() => rm(charmDir, { recursive: true, force: true }));

  const env = (dispatch: string, extra: Record<string, string> = {}) => ({
    JUJU_DISPATCH_PATH: dispatch,
    JUJU_UNIT_NAME: 'demo/0',
    JUJU_MODEL_NAME: 'default',
    JUJU_VERSION: '3.0.3',
    JUJU_CHARM_DIR: charmDir,
    ...extra,
  });
  const run = (
    juju: TinyJuju,
    store: MemoryUnitStateStore,
    dispatch: string,
    extra?: Record<string, string>,
  ) => main(Demo, { env: env(dispatch, extra), store, backend: new HookToolBackend(juju) });

  it('names the event after the dispatch path, with "_action" under actions/', () => {
    assert.equal(eventNameOf('hooks/db-relation-changed'), 'db_relation_changed');
    assert.equal(eventNameOf('actions/do-thing'), 'do_thing_action');
    assert.equal(eventNameOf('hooks/install'), 'install');
  });

  it('hands back deferred events first, logging the queue, and commits stored state', async () => {
    const juju = new TinyJuju();
    const store = new MemoryUnitStateStore();
    Demo.deferConfig = true;
    await run(juju, store, 'hooks/config-changed');
    Demo.deferConfig = false;
    await run(juju, store, 'hooks/config-changed');
    assert.ok(
      juju.calls.includes(
        'juju-log --log-level INFO -- re-emitting 1 deferred event: Demo/on/config_changed[1] → onConfigChanged',
      ),
      juju.calls.join('\n'),
    );
    // The deferred one ran again, then the new one: three runs in all.
    assert.deepEqual(store.saved.snapshots['Demo/StoredStateData[_stored]'], { configs: 3 });
    assert.deepEqual(store.saved.notices, []);
  });

  it('emits relation events with their relation and remote unit, and sets the highest status', async () => {
    const juju = new TinyJuju();
    await run(juju, new MemoryUnitStateStore(), 'hooks/db-relation-changed', {
      JUJU_RELATION: 'db',
      JUJU_RELATION_ID: 'db:3',
      JUJU_REMOTE_UNIT: 'pg/0',
      JUJU_REMOTE_APP: 'pg',
    });
    assert.deepEqual(juju.bags['demo/0'], { seen: 'pg/0:h' });
    assert.deepEqual(juju.bags.demo, { token: '"abc"' });
    assert.ok(juju.calls.includes('status-set --application=False blocked -- no config'));
    // The event's relation is read by itself: no relation-ids.
    assert.ok(!juju.calls.some((call) => call.startsWith('relation-ids')), juju.calls.join('\n'));
  });

  it('runs actions with their parameters', async () => {
    const juju = new TinyJuju();
    await run(juju, new MemoryUnitStateStore(), 'actions/backup', {
      JUJU_ACTION_NAME: 'backup',
      JUJU_ACTION_UUID: '7',
    });
    assert.ok(juju.calls.includes('action-set done.to=/srv'), juju.calls.join('\n'));
  });

  it('names action parameters that do not fit the schema the handler loads them with', async () => {
    const juju = new TinyJuju();
    juju.params = { target: 5 };
    await assert.rejects(
      run(juju, new MemoryUnitStateStore(), 'actions/backup', { JUJU_ACTION_UUID: '8' }),
      /^SchemaError: the parameters of action backup do not fit their schema: parameter "target": Invalid input: expected string, received number$/,
    );
  });

  it('commits nothing when a handler throws', async () => {
    const juju = new TinyJuju();
    const store = new MemoryUnitStateStore();
    Demo.failInstall = true;
    await assert.rejects(run(juju, store, 'hooks/install'), { message: 'install failed' });
    Demo.failInstall = false;
    assert.deepEqual(store.saved.snapshots, {});
    await run(juju, store, 'hooks/install');
    assert.deepEqual(store.saved.snapshots['Demo/StoredStateData[_stored]'], { configs: 100 });
  });

  it('runs a legacy hook first, and stops with its exit code when it fails (§3.1.4)', async () => {
    await mkdir(join(charmDir, 'hooks'), { recursive: true });
    const legacy = join(charmDir, 'hooks', 'start');
    await writeFile(
      legacy,
      '#!/bin/sh\necho "$OPERATOR_DISPATCH" > legacy-ran\nexit "${LEGACY_EXIT:-0}"\n',
    );
    await chmod(legacy, 0o755);
    const juju = new TinyJuju();
    const store = new MemoryUnitStateStore();
    await run(juju, store, 'hooks/start');
    assert.equal(await readFile(join(charmDir, 'legacy-ran'), 'utf8'), '1\n');
    assert.ok(
      juju.calls.some((call) => call.includes('running the legacy hook hooks/start first')),
    );
    await assert.rejects(
      run(juju, store, 'hooks/start', { LEGACY_EXIT: '3' }),
      (error: unknown) => error instanceof LegacyHookError && error.exitCode === 3,
    );
    await rm(join(charmDir, 'hooks'), { recursive: true });
  });

  it('hands back no deferred events and collects no status in metrics hooks (§3.1.6)', async () => {
    const juju = new TinyJuju();
    const store = new MemoryUnitStateStore();
    Demo.deferConfig = true;
    await run(juju, store, 'hooks/config-changed');
    Demo.deferConfig = false;
    juju.calls.length = 0;
    await run(juju, store, 'hooks/collect-metrics');
    assert.equal(store.saved.notices.length, 1);
    assert.ok(!juju.calls.some((call) => call.startsWith('status-set')), juju.calls.join('\n'));
  });

  it('ignores an event the charm does not define, and refuses to run outside a hook', async () => {
    const juju = new TinyJuju();
    await run(juju, new MemoryUnitStateStore(), 'hooks/some-future-hook');
    assert.ok(
      juju.calls.includes(
        'juju-log --log-level DEBUG -- the charm defines no event some_future_hook; nothing to emit',
      ),
    );
    // Nothing observes collect-app-status, so leadership is not asked.
    assert.ok(!juju.calls.some((call) => call.startsWith('is-leader')), juju.calls.join('\n'));
    await assert.rejects(main(Demo, { env: {} }), {
      message:
        'JUJU_DISPATCH_PATH, JUJU_UNIT_NAME, JUJU_MODEL_NAME, JUJU_VERSION are not set: a charm runs in a hook started by Juju (or Loom), not on its own',
    });
  });
});
