/**
 * Recording an operation's effect on the uniter's local state (R5.8 commit effects, R5.22).
 */
import { Map as ImmutableMap } from 'immutable';

import type { Hook } from './hook.js';
import type { OperationOutcome, UniterOperation } from './uniter-operation.js';
import type { RelationState, UniterState } from './uniter-state.js';

/**
 * The local state after an operation. A failed hook advances nothing and holds the unit in error
 * (R5.22); a skipped hook is committed as if it had run (R5.23).
 */
export function commitOperation(
  local: UniterState,
  operation: UniterOperation,
  outcome: OperationOutcome = 'succeeded',
): UniterState {
  switch (operation.kind) {
    case 'enter-scope': {
      const relation: RelationState = {
        id: operation.relationId,
        endpoint: operation.endpoint,
        remoteApplication: operation.remoteApplication,
        peer: operation.peer,
        implicit: operation.implicit,
        // R5.20: an implicit relation never gets -relation-created.
        created: operation.implicit,
        members: ImmutableMap(),
        applicationMembers: ImmutableMap(),
        changedPending: undefined,
      };
      return { ...local, relations: local.relations.set(operation.relationId, relation) };
    }
    case 'leave-scope':
      return { ...local, relations: local.relations.delete(operation.relationId) };
    case 'accept-leadership':
      return { ...local, leader: true, queued: 'leader-elected' };
    case 'resign-leadership':
      return { ...local, leader: false };
    case 'destroy-subordinates':
    case 'destroy-self':
    case 'set-dead':
      return local;
    case 'run-hook':
      if (outcome === 'failed') return { ...local, failed: operation.hook, resolution: undefined };
      return commitHook(
        local.failed === undefined ? local : { ...local, failed: undefined, resolution: undefined },
        operation.hook,
      );
  }
}

function commitHook(local: UniterState, hook: Hook): UniterState {
  switch (hook.kind) {
    case 'install':
      return { ...local, installed: true };
    case 'config-changed': {
      const next = hook.version === undefined ? local : { ...local, configVersion: hook.version };
      // The first config-changed queues start (R5.3 step 9).
      return local.started ? next : { ...next, queued: 'start' };
    }
    case 'start':
      return { ...local, queued: undefined, started: true };
    case 'leader-elected':
      return { ...local, queued: undefined };
    case 'leader-settings-changed':
      return hook.version === undefined ? local : { ...local, leaderSettingsVersion: hook.version };
    case 'stop':
      return { ...local, stopped: true };
    case 'remove':
      return { ...local, removed: true };
    default:
      return commitRelationHook(local, hook);
  }
}

/** R5.8 commit effects. */
function commitRelationHook(local: UniterState, hook: Hook): UniterState {
  const id = hook.relation?.id;
  const relation = id === undefined ? undefined : local.relations.get(id);
  // R5.19: a hook for a relation the unit no longer has is treated as done.
  if (id === undefined || relation === undefined) return local;
  const unit = hook.remoteUnit ?? '';
  const version = hook.version ?? 0;
  const update = (next: RelationState) => ({ ...local, relations: local.relations.set(id, next) });

  switch (hook.kind) {
    case 'relation-created':
      return update({ ...relation, created: true });
    case 'relation-joined':
      return update({
        ...relation,
        members: relation.members.set(unit, version),
        changedPending: unit,
      });
    case 'relation-changed':
      if (unit === '') {
        const application = hook.relation?.remoteApplication ?? relation.remoteApplication;
        return update({
          ...relation,
          applicationMembers: relation.applicationMembers.set(application, version),
          changedPending: undefined,
        });
      }
      // The -changed that follows a -joined clears the pending mark (R5.8).
      return update({
        ...relation,
        members: relation.members.set(unit, version),
        changedPending: undefined,
      });
    case 'relation-departed':
      return update({ ...relation, members: relation.members.delete(unit) });
    case 'relation-broken':
      return { ...local, relations: local.relations.delete(id) };
    default:
      return local;
  }
}
