/** Juju's tag of a unit, as its log lines and task listings name it: `db/0` → `unit-db-0`. */
export function unitTag(unit: string): string {
  return `unit-${unit.replace('/', '-')}`;
}
