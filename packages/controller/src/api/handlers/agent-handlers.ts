/**
 * What unit agents call. Every permission is checked here again, whatever the agent says
 * (DESIGN "Reliability rules"): a forged commit cannot write another unit's bag, nor an
 * application bag without leadership (R4.8), and a bag read needs read access.
 */
import {
  canReadBag,
  commitHook,
  destroyOrphanedSubordinate,
  destroySubordinates,
  enterScope,
  leaveScope,
  setApplicationStatus,
  setUnitStatus,
  unitDead,
  writeLeaderSettings,
} from '@loom/core';
import type { ModelState, OperationResult, UniterState } from '@loom/core';
import {
  decodeHookCommit,
  decodeOwner,
  decodeUniterState,
  encodeBag,
  encodeUniterState,
  objectToMap,
} from '@loom/protocol';
import type { UniterOperationDocument, UniterStateDocument } from '@loom/protocol';

import { ControllerError } from '../../controller-error.js';
import { extrasOnly } from '../../model/mutation.js';
import type { Planned } from '../../model/mutation.js';
import type { Handlers } from '../handler.js';
import { timestamp } from '../../clock/clock.js';
import { finishOperation, startOperation } from './operation-progress.js';

/** The stored uniter state of a request, which must be the requesting unit's. */
function uniterStateOf(unit: string, document: UniterStateDocument): UniterState {
  if (document.unit !== unit) {
    throw new ControllerError(
      'bad-request',
      `invalid request: field "uniterState.unit" is "${document.unit}", not the requesting unit "${unit}"`,
    );
  }
  return decodeUniterState(document);
}

/** A core result with the unit's uniter state written beside it (or forgotten, if it went). */
function withUniterState<T>(
  result: OperationResult<T>,
  unit: string,
  state: UniterState,
): Planned<T> {
  if (!result.ok) return result;
  const kept = result.state.units.has(unit);
  return { ...result, uniterStates: [[unit, kept ? state : undefined]] };
}

function operationResult(
  state: ModelState,
  unit: string,
  operation: UniterOperationDocument,
  ingressAddress: string | undefined,
): OperationResult<unknown> {
  switch (operation.kind) {
    case 'enter-scope':
      return enterScope(state, {
        unit,
        relationId: operation.relationId,
        ...(ingressAddress === undefined ? {} : { ingressAddress }),
      });
    case 'leave-scope':
      return leaveScope(state, { unit, relationId: operation.relationId });
    case 'destroy-subordinates':
      return destroySubordinates(state, { principal: unit });
    case 'destroy-self':
      return destroyOrphanedSubordinate(state, { unit });
    case 'set-dead':
      return unitDead(state, { unit });
    case 'accept-leadership':
    case 'resign-leadership':
    case 'run-hook':
      return { ok: true, state, changes: [], value: undefined };
  }
}

function requireUnit(state: ModelState, unit: string) {
  const entity = state.units.get(unit);
  if (entity === undefined) throw new ControllerError('not-found', `unit "${unit}" not found`);
  return entity;
}

export const agentHandlers: Handlers<
  | 'agent/start'
  | 'agent/run-operation'
  | 'agent/commit-hook'
  | 'agent/fail-hook'
  | 'agent/claim-leadership'
  | 'agent/acquire-hook-slot'
  | 'agent/release-hook-slot'
  | 'agent/relation-get'
  | 'agent/set-status'
  | 'agent/set-workload-version'
  | 'agent/leader-set'
  | 'agent/log'
  | 'agent/operation-started'
  | 'agent/operation-finished'
  | 'agent/charm'
> = {
  'agent/start': async (input, { registry, hookSlots }) => {
    const host = registry.get(input.model);
    // A restarted agent holds no slot, whatever its killed predecessor held.
    hookSlots.release(input.model, input.unit);
    // R3.15: the agent's first report ends the unit's allocating phase.
    await host.mutate((view) => {
      const unit = requireUnit(view.state, input.unit);
      if (unit.agentStatus.current !== 'allocating') return extrasOnly(view.state, undefined, {});
      return setUnitStatus(view.state, {
        unit: input.unit,
        agent: { current: 'idle', message: '' },
      });
    });
    const view = host.view;
    const unit = requireUnit(view.state, input.unit);
    const uniterState = view.uniterStates.get(input.unit);
    return {
      modelUuid: view.record.uuid,
      machine: unit.machine,
      principal: unit.principal ?? null,
      charmUrl: view.state.applications.get(unit.application)?.charmUrl ?? '',
      uniterState: uniterState === undefined ? null : encodeUniterState(uniterState),
    };
  },
  'agent/run-operation': async (input, { registry }) => {
    const uniterState = uniterStateOf(input.unit, input.uniterState);
    return registry.get(input.model).mutateToRevision((view) => {
      requireUnit(view.state, input.unit);
      const result = operationResult(view.state, input.unit, input.operation, input.ingressAddress);
      return withUniterState(result, input.unit, uniterState);
    });
  },
  'agent/commit-hook': async (input, { registry }) => {
    const uniterState = uniterStateOf(input.unit, input.uniterState);
    const commit = decodeHookCommit(input.unit, input.commit);
    return registry.get(input.model).mutateToRevision((view) => {
      requireUnit(view.state, input.unit);
      const committed = commitHook(view.state, commit);
      if (!committed.ok) return committed;
      // A hook that succeeds after a failure clears the unit's error.
      const unit = committed.state.units.get(input.unit);
      const recovered =
        unit?.agentStatus.current === 'error'
          ? setUnitStatus(committed.state, {
              unit: input.unit,
              agent: { current: 'idle', message: '' },
            })
          : undefined;
      if (!recovered?.ok) return withUniterState(committed, input.unit, uniterState);
      return withUniterState(
        { ...recovered, changes: [...committed.changes, ...recovered.changes] },
        input.unit,
        uniterState,
      );
    });
  },
  'agent/fail-hook': async (input, { registry }) => {
    const uniterState = uniterStateOf(input.unit, input.uniterState);
    return registry.get(input.model).mutateToRevision((view) => {
      requireUnit(view.state, input.unit);
      // R5.22: the unit shows `error` with Juju's message until resolved.
      const result = setUnitStatus(view.state, {
        unit: input.unit,
        agent: { current: 'error', message: `hook failed: "${input.hook.name}"` },
      });
      return withUniterState(result, input.unit, uniterState);
    });
  },
  'agent/claim-leadership': (input, { leases }) => leases.claim(input.model, input.unit),
  'agent/acquire-hook-slot': async (input, { registry, hookSlots }) => {
    requireUnit(registry.get(input.model).view.state, input.unit);
    await hookSlots.acquire(input.model, input.unit, input.activity);
    return {};
  },
  'agent/release-hook-slot': (input, { hookSlots }) => {
    hookSlots.release(input.model, input.unit);
    return Promise.resolve({});
  },
  'agent/relation-get': (input, { registry }) => {
    const state = registry.get(input.model).view.state;
    const unit = requireUnit(state, input.unit);
    const relation = state.relations.get(input.relationId);
    if (relation === undefined)
      throw new ControllerError('not-found', `relation ${input.relationId} not found`);
    const owner = decodeOwner(input.owner);
    const isLeader = state.leaders.get(unit.application) === unit.name;
    const decision = canReadBag({ relation, unit: unit.name, isLeader, bag: owner });
    if (!decision.allowed) throw new ControllerError('permission-denied', decision.message);
    const bags = state.bags.get(relation.id);
    const bag =
      owner.kind === 'unit'
        ? bags?.units.get(owner.unit)
        : bags?.applications.get(owner.application);
    return Promise.resolve(bag === undefined ? { values: {}, version: 0 } : encodeBag(bag));
  },
  'agent/set-status': async (input, { registry }) => {
    return registry
      .get(input.model)
      .mutateToRevision((view) =>
        input.application === true
          ? setApplicationStatus(view.state, { unit: input.unit, status: input.status })
          : setUnitStatus(view.state, { unit: input.unit, workload: input.status }),
      );
  },
  'agent/set-workload-version': async (input, { registry }) => {
    return registry
      .get(input.model)
      .mutateToRevision((view) =>
        setUnitStatus(view.state, { unit: input.unit, workloadVersion: input.version }),
      );
  },
  'agent/leader-set': async (input, { registry }) => {
    return registry.get(input.model).mutateToRevision((view) =>
      writeLeaderSettings(view.state, {
        unit: input.unit,
        settings: objectToMap(input.settings),
      }),
    );
  },
  'agent/log': async (input, { registry, debugLog }) => {
    registry.get(input.model);
    await debugLog.append(input.model, input.records);
    return {};
  },
  'agent/operation-started': async (input, { registry, clock }) => {
    return registry
      .get(input.model)
      .mutateToRevision((view) => startOperation(view, input.unit, input.id, timestamp(clock)));
  },
  'agent/operation-finished': async (input, { registry, clock }) => {
    return registry.get(input.model).mutateToRevision((view) =>
      finishOperation(
        view,
        {
          ...input,
          commit:
            input.commit === undefined ? undefined : decodeHookCommit(input.unit, input.commit),
        },
        timestamp(clock),
      ),
    );
  },
  'agent/charm': async (input, { registry, store }) => {
    const application = registry.get(input.model).view.state.applications.get(input.application);
    if (application === undefined)
      throw new ControllerError('not-found', `application "${input.application}" not found`);
    const charm = await store.readCharm(input.model, application.charmUrl);
    if (charm === undefined)
      throw new ControllerError('not-found', `charm "${application.charmUrl}" is not stored`);
    return { url: charm.url, files: charm.files };
  },
};
