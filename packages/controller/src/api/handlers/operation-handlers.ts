/**
 * Work on units outside hooks: `exec` and actions become operation records, one per unit, that
 * the units' agents pick up from their watch; and reading those records.
 */
import { compareNames } from '@loom/core';
import type { ModelState } from '@loom/core';
import type { OperationDocument } from '@loom/protocol';

import { ControllerError } from '../../controller-error.js';
import { extrasOnly } from '../../model/mutation.js';
import type { Planned } from '../../model/mutation.js';
import type { Handlers } from '../handler.js';
import { timestamp } from '../../clock/clock.js';

/** Juju's `exec --wait` default: 5 minutes. */
const DEFAULT_EXEC_TIMEOUT_SECONDS = 300;

function targetUnits(
  state: ModelState,
  units: readonly string[],
  applications: readonly string[],
): string[] | { readonly missing: string } {
  const targets = new Set<string>();
  for (const unit of units) {
    if (!state.units.has(unit)) return { missing: `unit "${unit}" not found` };
    targets.add(unit);
  }
  for (const application of applications) {
    if (!state.applications.has(application))
      return { missing: `application "${application}" not found` };
    for (const unit of state.index.unitsByApplication.get(application) ?? []) targets.add(unit);
  }
  return [...targets].sort(compareNames);
}

function queue(
  state: ModelState,
  firstId: number,
  units: readonly string[],
  record: Pick<OperationDocument, 'kind' | 'name' | 'params'>,
  enqueuedAt: string,
): Planned<{ operations: OperationDocument[] }> {
  const operations = units.map((unit, at): OperationDocument => ({
    id: firstId + at,
    unit,
    ...record,
    status: 'pending',
    message: '',
    results: {},
    enqueuedAt,
    startedAt: null,
    completedAt: null,
  }));
  return extrasOnly(state, { operations }, { operations });
}

export const operationHandlers: Handlers<'exec' | 'run-action' | 'show-operation' | 'operations'> =
  {
    exec: (input, { registry, clock }) =>
      registry.get(input.model).mutate((view) => {
        const units = targetUnits(view.state, input.units ?? [], input.applications ?? []);
        if (!Array.isArray(units)) return { ok: false, code: 'not-found', message: units.missing };
        return queue(
          view.state,
          view.nextOperationId,
          units,
          {
            kind: 'exec',
            name: 'exec',
            params: {
              command: input.command,
              timeout: input.timeout ?? DEFAULT_EXEC_TIMEOUT_SECONDS,
            },
          },
          timestamp(clock),
        );
      }),
    'run-action': (input, { registry, clock }) =>
      registry.get(input.model).mutate((view) => {
        const units = targetUnits(view.state, input.units, []);
        if (!Array.isArray(units)) return { ok: false, code: 'not-found', message: units.missing };
        for (const unit of units) {
          const application = view.state.units.get(unit)?.application ?? '';
          const charm = view.state.applications.get(application)?.charm;
          if (charm?.actions.some((action) => action.name === input.action) !== true) {
            return {
              ok: false,
              code: 'not-valid',
              message: `action "${input.action}" not defined on unit "${unit}"`,
            };
          }
        }
        return queue(
          view.state,
          view.nextOperationId,
          units,
          { kind: 'action', name: input.action, params: input.params ?? {} },
          timestamp(clock),
        );
      }),
    'show-operation': async (input, { registry, store }) => {
      registry.get(input.model);
      const [operation] = await store.queryOperations({ model: input.model, id: input.id });
      if (operation === undefined)
        throw new ControllerError('not-found', `operation ${input.id} not found`);
      return operation;
    },
    operations: async (input, { registry, store }) => {
      registry.get(input.model);
      return {
        operations: await store.queryOperations({
          model: input.model,
          ...(input.unit === undefined ? {} : { unit: input.unit }),
          ...(input.status === undefined ? {} : { status: input.status }),
        }),
      };
    },
  };
