/**
 * Committing a hook (R4.10, R4.11, DESIGN "Data flow" 4): the writes a successful hook buffered,
 * applied in one operation, with the permission checks done again (R4.8: a forged or stale commit
 * cannot write another unit's bag, nor an application bag without leadership).
 */
import { canWriteBag } from '../databags/bag-permissions.js';
import { applyBagDelta } from '../model/bag-delta.js';
import type { BagOwner } from '../model/entities.js';
import type { ModelState } from '../model/model-state.js';
import { applyPortChanges } from '../model/ports.js';
import type { MachinePorts, PortChanges } from '../model/ports.js';
import { applicationBag, unitBag } from '../model/queries.js';
import type { OperationResult } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';
import { sameEntries } from '../model/same-entries.js';
import { ModelTransaction } from '../model/transaction.js';
import type { Hook } from '../uniter/hook.js';
import { leaveScope } from './internal/relation-lifecycle.js';
import { initialUnitSettings } from './scope.js';

/**
 * What a successful hook's commit does besides its writes: R4.4, after `config-changed` the address
 * keys are rewritten with the unit's (ingress) address; R3.9, after `-relation-broken` the unit
 * leaves that relation's scope. The simulator and the controller both add it to a hook's commit.
 */
export function afterHookEffects(
  hook: Hook,
  ingressAddress: string,
): Pick<HookCommit, 'refreshAddresses' | 'leaveScope'> {
  if (hook.kind === 'config-changed') return { refreshAddresses: { ingressAddress } };
  if (hook.kind === 'relation-broken' && hook.relation !== undefined)
    return { leaveScope: hook.relation.id };
  return {};
}

/** One bag write of a hook: keys to values, `""` deleting (R4.5). */
export interface RelationSettingsWrite {
  readonly relationId: number;
  readonly owner: BagOwner;
  readonly settings: ReadonlyMap<string, string>;
}

/** Everything a successful hook commits, at once. */
export interface HookCommit {
  readonly unit: string;
  readonly relationSettings: readonly RelationSettingsWrite[];
  /** The unit's whole charm state after the hook, when the hook changed it (R7.21). */
  readonly charmState?: ReadonlyMap<string, string>;
  /** R4.4: after `config-changed`, the address keys are rewritten in every relation joined. */
  readonly refreshAddresses?: {
    readonly ingressAddress?: string;
    readonly egressSubnets?: readonly string[];
  };
  /** R7.23: the hook's `open-port` / `close-port` requests, deferred to the commit. */
  readonly ports?: PortChanges;
  /** R3.9: after `-relation-broken`, the unit leaves that relation's scope. */
  readonly leaveScope?: number;
  /** R7.17: `start` completed and the charm never set a workload status: it becomes `unknown`. */
  readonly startWithoutStatus?: boolean;
}

/**
 * Applies a hook's commit. Refused as a whole (and then the hook counts as failed, R5.22) when a
 * write is not allowed, naming the write.
 */
export function commitHook(state: ModelState, commit: HookCommit): OperationResult {
  const unit = state.units.get(commit.unit);
  if (unit === undefined) return refuse('not-found', `unit "${commit.unit}" does not exist`);
  const txn = new ModelTransaction(state);
  for (const write of commit.relationSettings) {
    const relation = txn.state.relations.get(write.relationId);
    if (relation === undefined)
      return refuse('not-found', `relation ${write.relationId} not found`);
    const isLeader = txn.state.leaders.get(unit.application) === unit.name;
    const decision = canWriteBag({ relation, unit: unit.name, isLeader, bag: write.owner });
    if (!decision.allowed) {
      // R4.8: the commit carries the leadership the hook saw; lost since, the whole commit fails.
      const message =
        write.owner.kind === 'application' && write.owner.application === unit.application
          ? `prerequisites failed: "${unit.name}" is not leader of "${unit.application}"`
          : decision.message;
      return refuse('permission-denied', message);
    }
    if (
      write.owner.kind === 'unit' &&
      txn.state.memberships.get(relation.id)?.has(unit.name) !== true
    ) {
      return refuse(
        'not-valid',
        `unit "${unit.name}" is not in the scope of relation "${relation.key}"`,
      );
    }
    const bag =
      write.owner.kind === 'unit'
        ? unitBag(txn.state, relation.id, write.owner.unit)
        : applicationBag(txn.state, relation.id, write.owner.application);
    const written = applyBagDelta(bag, write.settings);
    if (written !== undefined) txn.putBag(relation.id, write.owner, written);
  }
  if (commit.charmState !== undefined) {
    const previous = txn.state.charmState.get(unit.name) ?? new Map<string, string>();
    if (!sameEntries(previous, commit.charmState)) txn.putCharmState(unit.name, commit.charmState);
  }
  if (commit.ports !== undefined) {
    const current = txn.state.openedPorts.get(unit.name) ?? [];
    const ports = applyPortChanges(unit.name, current, commit.ports, neighbours(txn, unit.name));
    if ('conflict' in ports) return refuse('not-valid', ports.conflict);
    if (ports !== current) txn.putPorts(unit.name, ports);
  }
  if (commit.refreshAddresses !== undefined)
    refreshAddresses(txn, unit.name, commit.refreshAddresses);
  if (commit.startWithoutStatus === true) {
    const current = txn.state.units.get(unit.name);
    if (current !== undefined)
      txn.putUnit({ ...current, workloadStatus: { current: 'unknown', message: '' } });
  }
  if (commit.leaveScope !== undefined) leaveScope(txn, commit.leaveScope, unit.name);
  return txn.commit(undefined);
}

/** The ranges other units on the unit's machine opened: an opening must not conflict (R7.23). */
function neighbours(txn: ModelTransaction, unit: string): MachinePorts[] {
  const machine = txn.state.units.get(unit)?.machine;
  const units = machine === undefined ? [] : (txn.state.index.unitsByMachine.get(machine) ?? []);
  return [...units]
    .filter((other) => other !== unit)
    .map((other) => ({ unit: other, ports: txn.state.openedPorts.get(other) ?? [] }));
}

/**
 * R4.4: the three address keys, rewritten (or deleted when unknown) in every relation joined; a
 * cross-model relation keeps its `--via` egress subnets (R8.6).
 */
function refreshAddresses(
  txn: ModelTransaction,
  unit: string,
  addresses: NonNullable<HookCommit['refreshAddresses']>,
): void {
  for (const relationId of txn.state.index.relationsByUnit.get(unit) ?? []) {
    const fresh = initialUnitSettings(addresses, txn.state.relations.get(relationId));
    const settings = new Map<string, string>();
    for (const key of ['private-address', 'ingress-address', 'egress-subnets'])
      settings.set(key, fresh.get(key) ?? '');
    const written = applyBagDelta(unitBag(txn.state, relationId, unit), settings);
    if (written !== undefined) txn.putBag(relationId, { kind: 'unit', unit }, written);
  }
}
