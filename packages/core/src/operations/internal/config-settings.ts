/**
 * Checking application config settings against the charm's options, with the coercions Juju
 * applies (charm: `Config.ValidateSettings`).
 */
import type { CharmMetadata, ConfigValue } from '../../charm/metadata.js';
import { CONFIG_COERCIONS } from '../../charm/schema-values.js';
import type { Refusal } from '../../model/refusal.js';
import { refuse } from '../../model/refusal.js';

/**
 * Coerces each setting to its option's type. `null` means "reset to the default" and is kept.
 * Refuses an unknown option (`unknown option "x"`) or a value of the wrong type
 * (`option "port" expected int, got "abc"`).
 */
export function validateSettings(
  charm: CharmMetadata,
  settings: Readonly<Record<string, ConfigValue | null>>,
): Map<string, ConfigValue | null> | Refusal {
  const result = new Map<string, ConfigValue | null>();
  for (const [name, value] of Object.entries(settings)) {
    const option = charm.config.find((candidate) => candidate.name === name);
    if (option === undefined) return refuse('not-valid', `unknown option "${name}"`);
    if (value === null) {
      result.set(name, null);
      continue;
    }
    const coerced = CONFIG_COERCIONS[option.type](value);
    if (!coerced.ok) {
      const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
      return refuse('not-valid', `option "${name}" expected ${option.type}, got ${shown}`);
    }
    result.set(name, coerced.value);
  }
  return result;
}
