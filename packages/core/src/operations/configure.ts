/**
 * `config <app> k=v`: changes an application's settings; `null` resets an option to its default.
 */
import type { ConfigValue } from '../charm/metadata.js';
import type { ModelState } from '../model/model-state.js';
import type { OperationResult } from '../model/refusal.js';
import { sameEntries } from '../model/same-entries.js';
import { ModelTransaction } from '../model/transaction.js';
import { validateSettings } from './internal/config-settings.js';
import { applicationNotFound } from './internal/endpoint-names.js';

/**
 * Applies settings, checked and coerced against the charm's options. Settings equal to what is
 * already set change nothing.
 */
export function configureApplication(
  state: ModelState,
  input: {
    readonly application: string;
    readonly settings: Readonly<Record<string, ConfigValue | null>>;
  },
): OperationResult {
  const application = state.applications.get(input.application);
  if (application === undefined) {
    return applicationNotFound(state, input.application);
  }
  const settings = validateSettings(application.charm, input.settings);
  if (!(settings instanceof Map)) return settings;
  const config = new Map(application.config);
  for (const [name, value] of settings) {
    if (value === null) config.delete(name);
    else config.set(name, value);
  }
  const txn = new ModelTransaction(state);
  if (!sameEntries(config, application.config)) {
    txn.putApplication({ ...application, config, configVersion: application.configVersion + 1 });
  }
  return txn.commit(undefined);
}
