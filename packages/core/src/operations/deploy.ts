/**
 * `deploy`: adds an application from a charm, its peer relations (R2.20) and its first units.
 */
import type { CharmMetadata, ConfigValue } from '../charm/metadata.js';
import { APPLICATION_NAME_PATTERN } from '../charm/names.js';
import type { ModelState } from '../model/model-state.js';
import type { OperationResult } from '../model/refusal.js';
import { refuse } from '../model/refusal.js';
import { ModelTransaction } from '../model/transaction.js';
import { validateSettings } from './internal/config-settings.js';
import { createRelation } from './internal/relation-lifecycle.js';
import { addUnit } from './internal/unit-lifecycle.js';
import { checkPlacement } from './internal/placement.js';

/** What to deploy. */
export interface DeployInput {
  readonly application: string;
  readonly charm: CharmMetadata;
  /** Units to add; defaults to 1 for a principal and must be 0 for a subordinate. */
  readonly numUnits?: number;
  /** Option values; each is checked and coerced against the charm's config. */
  readonly config?: Readonly<Record<string, ConfigValue>>;
  /** Existing machines for the first units, in order; the other units get new machines. */
  readonly to?: readonly string[];
  /** The charm's URL (`local:<charm>-<revision>`); default `local:<charm>-0`. */
  readonly charmUrl?: string;
}

/** The deployed application's units. */
export interface Deployed {
  readonly units: readonly string[];
  /** Ids of the peer relations created, in endpoint-name order. */
  readonly peerRelations: readonly number[];
}

/**
 * Deploys a charm as an application. Peer relations are created at once, one per peer endpoint,
 * with ids in endpoint-name order (R2.20, spec §11.2).
 *
 * @example
 * const result = deploy(state, { application: 'db', charm, numUnits: 2 });
 * if (result.ok) state = result.state;
 */
export function deploy(state: ModelState, input: DeployInput): OperationResult<Deployed> {
  const { application, charm } = input;
  if (!APPLICATION_NAME_PATTERN.test(application)) {
    return refuse('not-valid', `invalid application name "${application}"`);
  }
  if (state.applications.has(application)) {
    return refuse(
      'already-exists',
      `cannot add application "${application}": application already exists`,
    );
  }
  const numUnits = input.numUnits ?? (charm.subordinate ? 0 : 1);
  if (!Number.isInteger(numUnits) || numUnits < 0) {
    return refuse('not-valid', `--num-units must be a whole number of 0 or more, got ${numUnits}`);
  }
  if (charm.subordinate && (numUnits > 0 || (input.to?.length ?? 0) > 0)) {
    return refuse('not-valid', 'cannot use --num-units or --to with subordinate application');
  }
  const placementRefusal = checkPlacement(state, input.to ?? [], numUnits);
  if (placementRefusal !== undefined) return placementRefusal;
  const settings = validateSettings(charm, input.config ?? {});
  if (!(settings instanceof Map)) return settings;

  const txn = new ModelTransaction(state);
  const config = new Map<string, ConfigValue>();
  for (const [name, value] of settings) if (value !== null) config.set(name, value);
  txn.putApplication({
    name: application,
    charm,
    charmUrl: input.charmUrl ?? `local:${charm.name}-0`,
    config,
    life: 'alive',
    subordinate: charm.subordinate,
    nextUnitNumber: 0,
    configVersion: 0,
    status: { current: 'unknown', message: '' },
  });
  const peers = charm.endpoints
    .filter((endpoint) => endpoint.role === 'peer')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const peerRelations = peers.map((endpoint) =>
    createRelation(txn, [{ ...endpoint, application }]),
  );
  const units: string[] = [];
  for (let index = 0; index < numUnits; index += 1) {
    const machine = input.to?.[index];
    units.push(addUnit(txn, application, machine === undefined ? {} : { machine }));
  }
  return txn.commit({ units, peerRelations });
}
