/**
 * Changing what a model runs: each handler is one core operation in one transaction.
 */
import {
  addUnit,
  applicationNotFound,
  configureApplication,
  deploy,
  integrate,
  looksLikeOfferUrl,
  removeApplication,
  removeRelation,
  removeUnit,
  resolveFailedHook,
} from '@loom/core';
import type { ModelChange } from '@loom/core';

import { loadCharmSource, nextCharmUrl } from '../../charms/charm-archive.js';
import { OperationRefusedError } from '../../controller-error.js';
import { resolveOffer } from '../../cross-model/offer-lookup.js';
import { extrasOnly } from '../../model/mutation.js';
import { configDocument } from '../../status/config-document.js';
import type { Handlers } from '../handler.js';
import { consumeIn } from './cross-model-handlers.js';

export const applicationHandlers: Handlers<
  | 'deploy'
  | 'add-unit'
  | 'remove-unit'
  | 'remove-application'
  | 'integrate'
  | 'remove-relation'
  | 'config'
  | 'configure'
  | 'resolve'
> = {
  deploy: async (input, { registry }) => {
    const host = registry.get(input.model);
    const charm = await loadCharmSource(input.charm);
    return host.mutate((view) => {
      const charmUrl = nextCharmUrl(charm.metadata.name, view.charmUrls);
      const result = deploy(view.state, {
        application: input.application,
        charm: charm.metadata,
        charmUrl,
        ...(input.numUnits === undefined ? {} : { numUnits: input.numUnits }),
        ...(input.config === undefined ? {} : { config: input.config }),
        ...(input.to === undefined ? {} : { to: input.to }),
      });
      if (!result.ok) return result;
      return {
        ...result,
        value: { application: input.application, charmUrl, ...result.value },
        charms: [{ url: charmUrl, files: charm.files }],
      };
    });
  },
  'add-unit': (input, { registry }) =>
    registry.get(input.model).mutate((view) =>
      addUnit(view.state, {
        application: input.application,
        ...(input.numUnits === undefined ? {} : { numUnits: input.numUnits }),
        ...(input.to === undefined ? {} : { to: input.to }),
      }),
    ),
  'remove-unit': async (input, { registry }) => {
    await registry
      .get(input.model)
      .mutate((view) => removeUnit(view.state, { units: input.units }));
    return {};
  },
  'remove-application': async (input, { registry }) => {
    await registry
      .get(input.model)
      .mutate((view) => removeApplication(view.state, { application: input.application }));
    return {};
  },
  integrate: (input, { registry }) => {
    // R8.2: a side written as an offer URL is consumed on the way, or its SAAS reused.
    const offers = new Map(
      input.endpoints
        .filter(looksLikeOfferUrl)
        .map((text) => [text, resolveOffer(registry, text)] as const),
    );
    return registry.get(input.model).mutate((view) => {
      let state = view.state;
      const changes: ModelChange[] = [];
      const endpoints: string[] = [];
      for (const text of input.endpoints) {
        const resolved = offers.get(text);
        if (resolved === undefined) {
          endpoints.push(text);
          continue;
        }
        const existing = [...state.remoteApplications.values()].find(
          (remote) => remote.kind === 'saas' && remote.url === resolved.url,
        );
        if (existing !== undefined) {
          endpoints.push(existing.name);
          continue;
        }
        const consumed = consumeIn(state, registry, resolved, undefined);
        if (!consumed.ok) return consumed;
        state = consumed.state;
        changes.push(...consumed.changes);
        endpoints.push(consumed.value.name);
      }
      const integrated = integrate(state, {
        endpoints,
        ...(input.via === undefined ? {} : { via: input.via }),
      });
      if (!integrated.ok) return integrated;
      return { ...integrated, changes: [...changes, ...integrated.changes] };
    });
  },
  'remove-relation': async (input, { registry }) => {
    await registry
      .get(input.model)
      .mutate((view) =>
        removeRelation(
          view.state,
          'relationId' in input ? { relationId: input.relationId } : { endpoints: input.endpoints },
        ),
      );
    return {};
  },
  config: (input, { registry }) => {
    const { state } = registry.get(input.model).view;
    const application = state.applications.get(input.application);
    if (application === undefined)
      throw new OperationRefusedError(applicationNotFound(state, input.application));
    return Promise.resolve(configDocument(application));
  },
  configure: async (input, { registry }) => {
    await registry.get(input.model).mutate((view) =>
      configureApplication(view.state, {
        application: input.application,
        settings: input.settings,
      }),
    );
    return {};
  },
  resolve: async (input, { registry }) => {
    await registry.get(input.model).mutate((view) => {
      if (!view.state.units.has(input.unit))
        return { ok: false, code: 'not-found', message: `unit "${input.unit}" not found` };
      const stored = view.uniterStates.get(input.unit);
      if (stored === undefined)
        return {
          ok: false,
          code: 'not-valid',
          message: `unit "${input.unit}" is not in an error state`,
        };
      const resolved = resolveFailedHook(stored, input.noRetry === true ? 'skip' : 'retry');
      if ('ok' in resolved) return resolved;
      return extrasOnly(view.state, undefined, { uniterStates: [[input.unit, resolved]] });
    });
    return {};
  },
};
