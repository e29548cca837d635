/**
 * Test support: the charms of spec §9.0, loaded from metadata text through the real loader, and
 * helpers to apply operations in tests.
 */
import assert from 'node:assert/strict';

import { loadCharm } from '../charm/load-charm.js';
import type { CharmMetadata } from '../charm/metadata.js';
import type { ModelState } from '../model/model-state.js';
import type { Applied, OperationResult, Refusal } from '../model/refusal.js';

/**
 * A fixture charm: the relation part of spec §9.0, plus one config option, `tick`, that tests
 * change to make a unit run `config-changed` (and whatever its script does there).
 */
function charm(name: string, relations: string): CharmMetadata {
  const result = loadCharm({
    'metadata.yaml': `name: ${name}\nsummary: ${name}\ndescription: ${name} for tests\n${relations}`,
    'config.yaml': 'options:\n  tick:\n    type: int\n    default: 0\n',
  });
  assert.ok(result.ok, JSON.stringify(result.problems));
  return result.metadata;
}

/** The fixtures of spec §9.0, plus a charm with two peer endpoints. */
export const CHARMS = {
  dbcharm: charm('dbcharm', 'provides:\n  database:\n    interface: pgsql\n'),
  dbcharm2: charm(
    'dbcharm2',
    'provides:\n  database:\n    interface: pgsql\n  replica-source:\n    interface: pgsql\n',
  ),
  webcharm: charm('webcharm', 'requires:\n  database:\n    interface: pgsql\n'),
  webcharmLimited: charm(
    'webcharm-limited',
    'requires:\n  database:\n    interface: pgsql\n    limit: 1\n',
  ),
  clustercharm: charm('clustercharm', 'peers:\n  replicas:\n    interface: cluster-peers\n'),
  twopeers: charm(
    'twopeers',
    'peers:\n  zeta:\n    interface: zeta-peers\n  alpha:\n    interface: alpha-peers\n',
  ),
  logsrc: charm('logsrc', 'provides:\n  logging:\n    interface: logging-directory\n'),
  logger: charm(
    'logger',
    'subordinate: true\nrequires:\n  logging:\n    interface: logging-directory\n    scope: container\n  juju-info:\n    interface: juju-info\n    scope: container\n',
  ),
  plaincharm: charm('plaincharm', ''),
} as const;

/** The charm names of the fixtures, for registering one behaviour for all of them. */
export const FIXTURE_CHARM_NAMES: readonly string[] = Object.values(CHARMS).map(
  (charm) => charm.name,
);

/** Asserts the operation was applied and returns it. */
export function applied<T>(result: OperationResult<T>): Applied<T> {
  if (!result.ok) assert.fail(`expected the operation to apply, it was refused: ${result.message}`);
  return result;
}

/** Asserts the operation was refused and returns the refusal. */
export function refused<T>(result: OperationResult<T>): Refusal {
  if (result.ok) assert.fail('expected a refusal, the operation applied');
  return result;
}

/** Applies a sequence of operations, each to the state the previous one produced. */
export function chain(
  state: ModelState,
  ...steps: ((state: ModelState) => OperationResult<unknown>)[]
): ModelState {
  return steps.reduce((current, step) => applied(step(current)).state, state);
}
