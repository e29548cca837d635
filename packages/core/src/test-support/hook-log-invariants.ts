/**
 * Test support: invariants of one unit's hook log (spec §5), checked by replaying the log, and
 * the convergence of a settled model.
 */
import assert from 'node:assert/strict';

import { applicationOfUnit } from '../databags/bag-permissions.js';
import type { HookRecord } from '../simulator/hook-record.js';
import { describeHook } from '../simulator/hook-record.js';
import type { Simulator } from '../simulator/simulator.js';
import type { RelationState } from '../uniter/uniter-state.js';
import { observedMembers, unitSnapshot } from '../uniter/unit-snapshot.js';

interface RelationReplay {
  readonly joined: Set<string>;
  /** R5.9: the unit whose -changed must come next after its -joined. */
  pending: string | undefined;
  readonly versions: Map<string, number>;
  applicationVersion: number;
  broken: boolean;
}

/**
 * Replays a unit's log and asserts, for committed hooks: `-joined U` is followed by `-changed U`
 * with no other hook of the relation in between; no relation hook but `-created` before `start`
 * while the unit is alive; `-departed U` only after `-joined U`; `-broken` only once every joined
 * unit departed, never for a peer relation, and nothing of the relation afterwards; no `-changed`
 * that delivers a version already delivered (no hook for a null write). For every executed hook,
 * `relation-list` (from `observed`, one entry per non-skipped record) equals the units joined and
 * not departed, with the hook's remote unit added during `-joined`/`-changed` and removed during
 * `-departed` (R4.9).
 */
export function checkHookLog(
  unit: string,
  records: readonly HookRecord[],
  observed: readonly (readonly string[] | undefined)[],
): void {
  const application = applicationOfUnit(unit);
  const relations = new Map<number, RelationReplay>();
  let started = false;
  let observation = 0;
  records.forEach((record, index) => {
    const where = `${unit} hook #${index} ${describeHook(record.hook)}`;
    const { hook } = record;
    const listed = record.outcome === 'skipped' ? undefined : observed[observation++];
    if (hook.relation === undefined) {
      if (hook.kind === 'start' && record.outcome !== 'failed') started = true;
      return;
    }
    const replay = relations.get(hook.relation.id) ?? {
      joined: new Set<string>(),
      pending: undefined,
      versions: new Map<string, number>(),
      applicationVersion: 0,
      broken: false,
    };
    relations.set(hook.relation.id, replay);
    const remote = hook.remoteUnit ?? '';
    assert.ok(!replay.broken, `${where}: a hook after -relation-broken`);
    if (listed !== undefined) {
      const expected = new Set(replay.joined);
      if (remote !== '' && (hook.kind === 'relation-joined' || hook.kind === 'relation-changed'))
        expected.add(remote);
      if (hook.kind === 'relation-departed') expected.delete(remote);
      assert.deepEqual([...listed], [...expected].sort(), `${where}: relation-list`);
    }
    if (record.outcome === 'failed') return;
    if (hook.kind !== 'relation-created' && record.unitLife === 'alive') {
      assert.ok(started, `${where}: a relation hook before start`);
    }
    if (replay.pending !== undefined) {
      assert.ok(
        hook.kind === 'relation-changed' && remote === replay.pending,
        `${where}: -changed ${replay.pending} must come first`,
      );
    }
    const version = hook.version ?? 0;
    switch (hook.kind) {
      case 'relation-joined':
        assert.ok(!replay.joined.has(remote), `${where}: joined twice`);
        replay.joined.add(remote);
        replay.pending = remote;
        replay.versions.set(remote, version);
        break;
      case 'relation-changed':
        if (remote === '') {
          assert.ok(
            version > 0 && version !== replay.applicationVersion,
            `${where}: application version ${version} delivered again`,
          );
          replay.applicationVersion = version;
        } else if (replay.pending === remote) {
          replay.pending = undefined;
          replay.versions.set(remote, version);
        } else {
          assert.ok(replay.joined.has(remote), `${where}: -changed before -joined`);
          assert.notEqual(
            version,
            replay.versions.get(remote),
            `${where}: version ${version} delivered again`,
          );
          replay.versions.set(remote, version);
        }
        break;
      case 'relation-departed':
        assert.ok(replay.joined.delete(remote), `${where}: -departed without -joined`);
        break;
      case 'relation-broken':
        assert.equal(replay.joined.size, 0, `${where}: -broken with members left`);
        assert.notEqual(
          hook.relation.remoteApplication,
          application,
          `${where}: -broken for a peer relation`,
        );
        replay.broken = true;
        break;
      default:
        break;
    }
  });
}

/**
 * After settling: every Alive unit not in error saw the latest version of every bag it watches,
 * and knows exactly the members it observes.
 */
export function checkConvergence(sim: Simulator): void {
  for (const unit of sim.state.units.keys()) {
    const snapshot = unitSnapshot(sim.state, unit);
    const local = sim.uniterState(unit);
    if (snapshot?.life !== 'alive' || local === undefined || local.failed !== undefined) continue;
    assert.ok(local.started, `${unit} settled without starting`);
    for (const relation of snapshot.relations) {
      const joined: RelationState | undefined = local.relations.get(relation.id);
      if (relation.life !== 'alive' || relation.suspended) continue;
      assert.ok(joined !== undefined, `${unit} never joined relation ${relation.id}`);
      if (joined.implicit) continue;
      assert.deepEqual(
        Object.fromEntries(joined.members),
        Object.fromEntries(observedMembers(relation)),
        `${unit}: members and versions of relation ${relation.id}`,
      );
      for (const [application, version] of relation.applicationMembers) {
        assert.equal(
          joined.applicationMembers.get(application) ?? 0,
          version,
          `${unit}: ${application} bag of relation ${relation.id}`,
        );
      }
    }
  }
}
