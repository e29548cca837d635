/**
 * The uniter resolver (R5.3): given a unit's local state and a snapshot of the model, the one
 * operation that comes next, or undefined when there is nothing to do.
 */
import { relationHook, unitHook } from './hook.js';
import type { Hook } from './hook.js';
import { decideRelation, isBroken } from './relation-decision.js';
import type { DecisionContext } from './relation-decision.js';
import { scanRelationWork } from './relation-work.js';
import type { RelationWork } from './relation-work.js';
import { compatibility } from './uniter-options.js';
import type { CompatibilityOptions } from './uniter-options.js';
import type { UniterOperation } from './uniter-operation.js';
import type { RelationState, UniterState } from './uniter-state.js';
import type { RelationSnapshot, UnitSnapshot } from './unit-snapshot.js';

/**
 * Finds the unit-level work of a relation (a scan, or an incremental tracker); `undefined` means
 * the same inputs were already decided to need nothing.
 */
export type WorkFinder = (
  local: RelationState,
  snapshot: RelationSnapshot | undefined,
  broken: boolean,
) => RelationWork | undefined;

/**
 * The next operation for a unit. Pure: the same inputs give the same answer. Relations are served
 * lowest id first (spec §11.2).
 *
 * @example
 * const operation = nextOperation(initialUniterState('app/0'), unitSnapshot(state, 'app/0'));
 * // { kind: 'run-hook', hook: { kind: 'install', name: 'install' } }
 */
export function nextOperation(
  local: UniterState,
  snapshot: UnitSnapshot | undefined,
  options: Partial<CompatibilityOptions> = {},
): UniterOperation | undefined {
  return decideNextOperation(local, snapshot, compatibility(options), scanRelationWork);
}

/** `nextOperation` with the way relation work is found left open (see UnitResolver). */
export function decideNextOperation(
  local: UniterState,
  snapshot: UnitSnapshot | undefined,
  options: CompatibilityOptions,
  findWork: WorkFinder,
): UniterOperation | undefined {
  // R5.3 (1): a Dead or removed unit has nothing left to do.
  if (snapshot === undefined || snapshot.life === 'dead') return undefined;
  const dying = snapshot.life !== 'alive';
  const continuing = local.failed === undefined && local.queued === undefined;
  // R5.21: resigning needs no "continue" state and runs no hook.
  if (local.installed && local.leader && (!snapshot.isLeader || dying))
    return { kind: 'resign-leadership' };
  // Each snapshot relation's local state, looked up once for every stage.
  const joined = snapshot.relations.map((relation) => local.relations.get(relation.id));
  if (local.installed && !dying && continuing) {
    const early = relationsStage(snapshot, joined) ?? leadershipStage(local, snapshot);
    if (early !== undefined) return early;
  }
  // R5.3 (8): a failed hook holds everything until it is resolved; a queued hook runs next.
  if (local.failed !== undefined) {
    if (local.resolution === undefined) return undefined;
    return local.resolution === 'skip'
      ? { kind: 'run-hook', hook: local.failed, skip: true }
      : { kind: 'run-hook', hook: local.failed };
  }
  if (local.queued === 'start') return { kind: 'run-hook', hook: unitHook('start') };
  if (local.queued === 'leader-elected') {
    // R5.21: leadership is checked again just before the hook; lost, the hook is skipped.
    const hook = unitHook('leader-elected');
    return snapshot.isLeader ? { kind: 'run-hook', hook } : { kind: 'run-hook', hook, skip: true };
  }
  const context: DecisionContext = {
    unit: local.unit,
    leaving: dying || snapshot.applicationLife !== 'alive',
    unitDying: dying,
    options,
  };
  if (dying) return dyingStage(local, snapshot, joined, context, findWork);
  if (!local.installed) return { kind: 'run-hook', hook: unitHook('install') };
  if (local.configVersion !== snapshot.configVersion) {
    return { kind: 'run-hook', hook: unitHook('config-changed', snapshot.configVersion) };
  }
  // R5.4: no relation hook but -relation-created before start has completed.
  return local.started ? relationHooks(local, snapshot, joined, context, findWork) : undefined;
}

/**
 * R5.3 (3): entering the scope of new relations (R3.4), then their `-relation-created` (R5.5).
 * A subordinate left without its container relation destroys itself first (R3.17).
 */
function relationsStage(
  snapshot: UnitSnapshot,
  joined: readonly (RelationState | undefined)[],
): UniterOperation | undefined {
  if (snapshot.orphaned) return { kind: 'destroy-self' };
  let created: UniterOperation | undefined;
  for (let index = 0; index < snapshot.relations.length; index += 1) {
    const relation = snapshot.relations[index];
    if (relation?.life !== 'alive' || relation.suspended) continue;
    const state = joined[index];
    if (state === undefined) {
      return {
        kind: 'enter-scope',
        relationId: relation.id,
        endpoint: relation.endpoint.name,
        remoteApplication: relation.remoteApplication,
        peer: relation.peer,
        implicit: relation.implicit,
      };
    }
    // Every scope is entered before any -relation-created runs (R3.4).
    if (created === undefined && !state.created) {
      const hook = relationHook('relation-created', {
        id: relation.id,
        endpoint: state.endpoint,
        remoteApplication: state.remoteApplication,
      });
      created = { kind: 'run-hook', hook };
    }
  }
  return created;
}

/** R5.3 (4), R5.21: accepting leadership, and `leader-settings-changed` for a non-leader. */
function leadershipStage(local: UniterState, snapshot: UnitSnapshot): UniterOperation | undefined {
  if (local.leader) return undefined;
  if (snapshot.isLeader) return { kind: 'accept-leadership' };
  if (local.leaderSettingsVersion === snapshot.leaderSettingsVersion) return undefined;
  return {
    kind: 'run-hook',
    hook: unitHook('leader-settings-changed', snapshot.leaderSettingsVersion),
  };
}

/**
 * R3.15, R5.15: a Dying unit destroys its subordinates, runs the departure hooks of every
 * relation, then `stop` and `remove`, and becomes Dead once no subordinate remains.
 */
function dyingStage(
  local: UniterState,
  snapshot: UnitSnapshot,
  joined: readonly (RelationState | undefined)[],
  context: DecisionContext,
  findWork: WorkFinder,
): UniterOperation | undefined {
  if (!local.stopped) {
    if (snapshot.subordinatesToDestroy) return { kind: 'destroy-subordinates' };
    return (
      relationHooks(local, snapshot, joined, context, findWork) ?? {
        kind: 'run-hook',
        hook: unitHook('stop'),
      }
    );
  }
  if (!local.removed) return { kind: 'run-hook', hook: unitHook('remove') };
  return snapshot.subordinates.length === 0 ? { kind: 'set-dead' } : undefined;
}

/** R5.8 for every joined relation, lowest id first; implicit ones only leave when broken (R5.20). */
function relationHooks(
  local: UniterState,
  snapshot: UnitSnapshot,
  joined: readonly (RelationState | undefined)[],
  context: DecisionContext,
  findWork: WorkFinder,
): UniterOperation | undefined {
  let matched = 0;
  for (const relation of joined) if (relation !== undefined) matched += 1;
  if (matched !== local.relations.size)
    return relationHooksById(local, snapshot, context, findWork);
  // The common case: every joined relation is in the snapshot, which lists them lowest id first.
  for (let index = 0; index < joined.length; index += 1) {
    const relation = joined[index];
    if (relation === undefined) continue;
    const operation = relationOperation(relation, snapshot.relations[index], context, findWork);
    if (operation !== undefined) return operation;
  }
  return undefined;
}

/** A joined relation the snapshot no longer has (it was removed) is served in its place by id. */
function relationHooksById(
  local: UniterState,
  snapshot: UnitSnapshot,
  context: DecisionContext,
  findWork: WorkFinder,
): UniterOperation | undefined {
  for (const id of [...local.relations.keys()].sort((a, b) => a - b)) {
    const relation = local.relations.get(id);
    if (relation === undefined) continue;
    const remote = snapshot.relations.find((candidate) => candidate.id === id);
    const operation = relationOperation(relation, remote, context, findWork);
    if (operation !== undefined) return operation;
  }
  return undefined;
}

/** R5.8 for one joined relation; an implicit one only leaves when broken (R5.20). */
function relationOperation(
  relation: RelationState,
  remote: RelationSnapshot | undefined,
  context: DecisionContext,
  findWork: WorkFinder,
): UniterOperation | undefined {
  const broken = isBroken(remote, context.unitDying);
  if (relation.implicit) {
    return broken && !context.unitDying
      ? { kind: 'leave-scope', relationId: relation.id }
      : undefined;
  }
  const work = findWork(relation, remote, broken);
  if (work === undefined) return undefined;
  const hook: Hook | undefined = decideRelation(relation, remote, context, work);
  if (hook !== undefined) return { kind: 'run-hook', hook };
  work.settled?.();
  return undefined;
}
