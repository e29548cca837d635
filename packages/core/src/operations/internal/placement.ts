/**
 * Checking `--to` placement directives: existing, alive machines, no more directives than units.
 */
import type { ModelState } from '../../model/model-state.js';
import type { Refusal } from '../../model/refusal.js';
import { refuse } from '../../model/refusal.js';

/** Refuses unknown or dying machines and more directives than units; undefined when fine. */
export function checkPlacement(
  state: ModelState,
  machines: readonly string[],
  numUnits: number,
): Refusal | undefined {
  if (machines.length > numUnits) {
    return refuse(
      'not-valid',
      `${machines.length} placement directives for ${numUnits} ${numUnits === 1 ? 'unit' : 'units'}; give at most one machine per unit`,
    );
  }
  for (const id of machines) {
    const machine = state.machines.get(id);
    if (machine === undefined) return refuse('not-found', `machine ${id} not found`);
    if (machine.life !== 'alive') return refuse('not-alive', `machine ${id} is not alive`);
  }
  return undefined;
}
