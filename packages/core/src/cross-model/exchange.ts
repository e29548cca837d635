/**
 * The cross-model exchange as steps (R8.3, R8.5, R8.8): given every model of a controller, what
 * must happen next so each half of each cross-model relation matches the other. Level-triggered:
 * the steps are derived from the states alone, so a controller that restarts, or misses a
 * change, recomputes them; every step is idempotent.
 */
import type { ModelState } from '../model/model-state.js';
import type { OperationResult } from '../model/refusal.js';
import { terminateSaas } from '../operations/consume.js';
import type { RemoteRelationRegistration } from '../operations/remote-relation.js';
import { syncRemoteRelation } from '../operations/remote-relation.js';
import { relationCrossing } from './crossing.js';
import { pendingRegistration } from './registration.js';

/** One thing the exchange must do. */
export type CrossModelStep =
  | {
      /** Register a consuming relation with the offering model, then link it (R8.3). */
      readonly kind: 'register';
      readonly consumingModel: string;
      readonly offeringModel: string;
      readonly registration: RemoteRelationRegistration;
    }
  | {
      /** Apply an operation to one model: take in a crossing, or terminate a SAAS. */
      readonly kind: 'apply';
      readonly model: string;
      readonly operation: (state: ModelState) => OperationResult;
    };

/**
 * The steps that would change something now, model by model in name order. `token` gives a
 * consuming application's token (32 hex digits) from its model and name.
 */
export function crossModelSteps(
  models: ReadonlyMap<string, ModelState>,
  token: (model: string, application: string) => string,
): CrossModelStep[] {
  const steps: CrossModelStep[] = [];
  const changes = (state: ModelState, operation: (state: ModelState) => OperationResult) => {
    const result = operation(state);
    return result.ok && result.changes.length > 0;
  };
  for (const [name, state] of [...models].sort(([a], [b]) => (a < b ? -1 : 1))) {
    // Every cross-model relation has a remote application at one end.
    if (state.remoteApplications.size === 0) continue;
    for (const saas of state.remoteApplications.values()) {
      if (saas.kind !== 'saas' || saas.status === 'terminated') continue;
      if (models.get(saas.sourceModel)?.offers.has(saas.offer) === true) continue;
      steps.push({ kind: 'apply', model: name, operation: (s) => terminateSaas(s, saas) });
    }
    for (const relation of state.relations.values()) {
      const link = relation.crossModel;
      if (link === undefined) continue;
      const other = models.get(link.model);
      const registration = pendingRegistration(state, relation.id, (app) => token(name, app));
      if (registration !== undefined) {
        if (other?.offers.has(registration.offer) === true)
          steps.push({
            kind: 'register',
            consumingModel: name,
            offeringModel: link.model,
            registration,
          });
        continue;
      }
      if (link.relationId === undefined) continue;
      const crossing = other === undefined ? undefined : relationCrossing(other, link.relationId);
      const operation = (s: ModelState) =>
        syncRemoteRelation(s, { relationId: relation.id, crossing: crossing ?? 'gone' });
      if (changes(state, operation)) steps.push({ kind: 'apply', model: name, operation });
    }
  }
  return steps;
}
