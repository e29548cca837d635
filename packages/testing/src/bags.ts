/**
 * Databags as the test kit names them: by their owner's name — a unit (`db/0`) or an
 * application (`db`) — read from the model as committed, and written unchecked as their owner's
 * commit would write them (`""` deletes a key).
 */
import { commitBagWrite } from '@loom/core';
import type { BagOwner, ModelState, Simulator } from '@loom/core';

/** A unit when the name has a `/`, else an application. */
export function bagOwner(name: string): BagOwner {
  return name.includes('/')
    ? { kind: 'unit', unit: name }
    : { kind: 'application', application: name };
}

/** The owner's bag in the relation, as committed (empty when it has none). */
export function readBag(
  state: ModelState,
  relationId: number,
  owner: string,
): Readonly<Record<string, string>> {
  const bags = state.bags.get(relationId);
  const bag = owner.includes('/') ? bags?.units.get(owner) : bags?.applications.get(owner);
  return Object.fromEntries(bag?.values ?? []);
}

/**
 * Writes the owner's bag, unchecked.
 *
 * @throws OperationRefusedError when the relation is gone or the unit is not in its scope.
 */
export function writeBag(
  simulator: Simulator,
  relationId: number,
  owner: string,
  data: Readonly<Record<string, string>>,
): void {
  simulator.run((state) =>
    commitBagWrite(state, {
      relationId,
      owner: bagOwner(owner),
      settings: new Map(Object.entries(data)),
    }),
  );
}
