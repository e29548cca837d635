/**
 * What the agent end-to-end suites share: the example charms, and a controller on a fresh home
 * for the length of a suite (machine agents on).
 */
import { join } from 'node:path';
import { after, before } from 'node:test';

import type { ApiClient } from '@loom/protocol';

import { bootstrapHome } from '../controller/controller-home.js';
import type { ControllerHome } from '../controller/controller-home.js';
import { REPOSITORY_ROOT } from '../repository.js';

const CHARMS = join(REPOSITORY_ROOT, 'examples', 'charms');

/** The shell charm that records its hooks (examples/charms/hook-recorder). */
export const RECORDER = join(CHARMS, 'hook-recorder');

/** Its subordinate companion (examples/charms/recorder-subordinate). */
export const RECORDER_SUBORDINATE = join(CHARMS, 'recorder-subordinate');

/** The suite's controller and a client of it, set before its first test. */
export interface SuiteController {
  controller: ControllerHome;
  client: ApiClient;
  /** `loom exec --unit <unit> -- <command>` against the suite's controller. */
  exec(unit: string, command: string): ReturnType<ControllerHome['loom']>;
}

/**
 * Registers the suite's before/after hooks (call it inside `describe`); the returned object is
 * filled in before the first test runs.
 */
export function controllerForSuite(): SuiteController {
  const suite = {
    exec: (unit: string, command: string) =>
      suite.controller.loom('exec', '--unit', unit, '--', command),
  } as SuiteController;
  before(async () => {
    suite.controller = await bootstrapHome();
    suite.client = await suite.controller.client();
  });
  after(() => suite.controller.dispose());
  return suite;
}
