/**
 * Remote units (R8.4): never real units, only members of a relation, named after the remote
 * application with the unit's number in its home model.
 */

/** `<remote application>/<n>` for unit number `n` of the other model. */
export function remoteUnitName(remoteApplication: string, number: number): string {
  return `${remoteApplication}/${number}`;
}

/** The number of a unit name (`db/3` → 3). */
export function unitNumber(unit: string): number {
  return Number(unit.slice(unit.lastIndexOf('/') + 1));
}

/** `remote-<token>`: the consumer proxy's name in the offering model (R8.3). */
export function consumerProxyName(token: string): string {
  return `remote-${token}`;
}
