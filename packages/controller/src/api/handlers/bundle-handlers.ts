/**
 * `deploy-bundle`: a whole bundle in one transaction. Each charm the bundle names is loaded and
 * checked first, then core plans the bundle against the model as it is; any problem, of a charm
 * or of the model, is answered with its line of the bundle and nothing changes.
 */
import { bundleRefusal, deployBundle } from '@loom/core';
import type { BundleCharm, BundleProblem, BundleSpec } from '@loom/core';
import type { ApiInput, ApiReply } from '@loom/protocol';
import type { CharmArchive } from '@loom/store';

import { loadCharmSource, nextCharmUrl } from '../../charms/charm-archive.js';
import type { LoadedCharm } from '../../charms/charm-archive.js';
import { ControllerError, OperationRefusedError } from '../../controller-error.js';
import type { ModelView, Planned } from '../../model/mutation.js';
import type { Handlers } from '../handler.js';

export const bundleHandlers: Handlers<'deploy-bundle'> = {
  'deploy-bundle': async (input, { registry }) => {
    const host = registry.get(input.model);
    const loaded = await loadBundleCharms(input);
    const plan = (view: ModelView): Planned<ApiReply<'deploy-bundle'>> => {
      const { charms, archives } = withCharmUrls(input.bundle, loaded, view.charmUrls);
      const result = deployBundle(view.state, input.bundle, charms);
      if (!result.ok) {
        return {
          ok: false,
          code: 'not-valid',
          message: bundleRefusal(input.bundle.file, result.problems),
        };
      }
      const value = { steps: result.value.steps, dryRun: input.dryRun === true };
      return { ...result, value, charms: archives };
    };
    if (input.dryRun !== true) return host.mutate(plan);
    const planned = plan(host.view);
    if (!planned.ok) throw new OperationRefusedError(planned);
    return planned.value;
  },
};

/**
 * Loads every charm the bundle names, once per path.
 *
 * @throws ControllerError naming each charm that is missing or invalid, at its line.
 */
async function loadBundleCharms(
  input: ApiInput<'deploy-bundle'>,
): Promise<ReadonlyMap<string, LoadedCharm>> {
  const loaded = new Map<string, LoadedCharm>();
  const problems: BundleProblem[] = [];
  for (const application of input.bundle.applications) {
    if (loaded.has(application.charm)) continue;
    const source = input.charms[application.charm];
    const at = application.at.charm;
    if (source === undefined) {
      problems.push({
        ...at,
        code: 'charm-invalid',
        severity: 'error',
        message: `charm "${application.charm}" of application "${application.name}" was not sent`,
        fix: 'send every charm the bundle names under "charms", keyed by its path as written',
      });
      continue;
    }
    try {
      loaded.set(application.charm, await loadCharmSource(source));
    } catch (error) {
      if (!(error instanceof ControllerError)) throw error;
      problems.push({
        ...at,
        code: 'charm-invalid',
        severity: 'error',
        message: `charm "${application.charm}" of application "${application.name}": ${error.message}`,
        fix: `run "loom charm check ${application.charm}" for details`,
      });
    }
  }
  if (problems.length > 0)
    throw new ControllerError('not-valid', bundleRefusal(input.bundle.file, problems));
  return loaded;
}

/** Each application's charm with the URL it is stored under; one upload per charm path. */
function withCharmUrls(
  bundle: BundleSpec,
  loaded: ReadonlyMap<string, LoadedCharm>,
  taken: ReadonlySet<string>,
): { charms: Map<string, BundleCharm>; archives: CharmArchive[] } {
  const urls = new Set(taken);
  const urlOfPath = new Map<string, string>();
  const archives: CharmArchive[] = [];
  const charms = new Map<string, BundleCharm>();
  for (const application of bundle.applications) {
    const charm = loaded.get(application.charm);
    if (charm === undefined) continue;
    let charmUrl = urlOfPath.get(application.charm);
    if (charmUrl === undefined) {
      charmUrl = nextCharmUrl(charm.metadata.name, urls);
      urls.add(charmUrl);
      urlOfPath.set(application.charm, charmUrl);
      archives.push({ url: charmUrl, files: charm.files });
    }
    charms.set(application.name, { metadata: charm.metadata, charmUrl });
  }
  return { charms, archives };
}
