/**
 * Replaying change sets: the state an operation produced, rebuilt from the state before it and
 * the changes it reported. This is how a model is loaded from stored entities (replay them onto
 * an empty model) and how a follower keeps up with a writer.
 */
import type { ModelChange } from './changes.js';
import type { ModelState } from './model-state.js';
import { ModelTransaction } from './transaction.js';

/**
 * Applies `changes` in order to `state`.
 *
 * @example
 * const after = applyChanges(before, result.changes); // same entities as result.state
 */
export function applyChanges(state: ModelState, changes: readonly ModelChange[]): ModelState {
  const txn = new ModelTransaction(state);
  for (const change of changes) {
    switch (change.kind) {
      case 'sequences':
        txn.putSequences(change.sequences);
        break;
      case 'machine':
        if (change.machine === undefined) txn.removeMachine(change.id);
        else txn.putMachine(change.machine);
        break;
      case 'application':
        if (change.application === undefined) txn.removeApplication(change.name);
        else txn.putApplication(change.application);
        break;
      case 'unit':
        if (change.unit === undefined) txn.removeUnit(change.name);
        else txn.putUnit(change.unit);
        break;
      case 'relation':
        if (change.relation === undefined) txn.removeRelation(change.id);
        else txn.putRelation(change.relation);
        break;
      case 'membership':
        if (change.membership === undefined) txn.removeMembership(change.relationId, change.unit);
        else txn.putMembership(change.membership);
        break;
      case 'bag':
        if (change.bag === undefined) txn.removeBag(change.relationId, change.owner);
        else txn.putBag(change.relationId, change.owner, change.bag);
        break;
      case 'leader':
        txn.setLeader(change.application, change.unit);
        break;
      case 'leader-settings':
        txn.putLeaderSettings(change.application, change.settings);
        break;
      case 'charm-state':
        txn.putCharmState(change.unit, change.state);
        break;
      case 'ports':
        txn.putPorts(change.unit, change.ports);
        break;
      case 'offer':
        txn.putOffer(change.name, change.offer);
        break;
      case 'remote-application':
        txn.putRemoteApplication(change.name, change.application);
        break;
    }
  }
  return txn.state;
}
