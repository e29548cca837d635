/**
 * `loom show-application` in the shape `juju show-application` prints: the application name → its
 * charm, whether it is a principal, exposure (never, in Loom), remoteness (none before
 * cross-model relations), life and endpoint bindings (every endpoint bound to the one space,
 * `alpha`, as on a Juju machine cloud with no spaces).
 */
import type { ApplicationStatusDocument } from '@loom/protocol';

export interface JujuApplicationInfo {
  readonly charm: string;
  readonly principal: boolean;
  readonly exposed: false;
  readonly remote: false;
  readonly life: string;
  readonly 'endpoint-bindings': Readonly<Record<string, string>>;
}

/** `{ <application>: info }`. */
export function jujuShowApplication(
  application: ApplicationStatusDocument,
): Record<string, JujuApplicationInfo> {
  return {
    [application.name]: {
      charm: application.charm,
      principal: !application.subordinate,
      exposed: false,
      remote: false,
      life: application.life,
      'endpoint-bindings': Object.fromEntries(
        ['', ...application.endpoints].map((endpoint) => [endpoint, 'alpha']),
      ),
    },
  };
}
