/** `--to` of deploy and add-unit: machines for the first units, as a comma-separated list. */
import { UsageError } from '../errors.js';

const MACHINE_ID = /^(0|[1-9][0-9]*)$/;

/**
 * Parses `--to 0,3` (repeatable) into machine ids.
 *
 * @throws UsageError for a directive that is not a machine id (containers, zones...).
 */
export function parsePlacementOption(value: string, previous: readonly string[] = []): string[] {
  const machines = value.split(',').map((part) => part.trim());
  for (const machine of machines) {
    if (!MACHINE_ID.test(machine)) {
      throw new UsageError(
        `--to "${machine}": Loom places units on existing machines only; give machine ids such as 0 or 0,3 (see "loom status")`,
      );
    }
  }
  return [...previous, ...machines];
}
