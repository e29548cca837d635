/**
 * Cross-model relations (spec §8): offers, SAAS, and suspending an offer's relations. Each is one
 * core operation in one model; the exchange between models runs on its own (CrossModelExchange).
 */
import {
  consumableOffer,
  consume,
  offer,
  removeOffer,
  removeSaas,
  setRelationSuspended,
} from '@loom/core';
import type { ModelState, OperationResult } from '@loom/core';

import { ControllerError } from '../../controller-error.js';
import { offerDocument, resolveOffer } from '../../cross-model/offer-lookup.js';
import type { ResolvedOffer } from '../../cross-model/offer-lookup.js';
import type { ModelRegistry } from '../../model/model-registry.js';
import type { Handlers } from '../handler.js';

export const crossModelHandlers: Handlers<
  | 'offer'
  | 'offers'
  | 'show-offer'
  | 'remove-offer'
  | 'consume'
  | 'remove-saas'
  | 'suspend-relation'
  | 'resume-relation'
> = {
  offer: async (input, { registry }) => {
    const host = registry.get(input.model);
    const made = await host.mutate((view) =>
      offer(view.state, {
        application: input.application,
        endpoints: input.endpoints,
        ...(input.name === undefined ? {} : { name: input.name }),
      }),
    );
    return offerDocument(host.view.state, made);
  },
  offers: (input, { registry }) => {
    const models = input.model === undefined ? registry.list().map((m) => m.name) : [input.model];
    const offers = models.flatMap((model) => {
      const state = registry.get(model).view.state;
      return [...state.offers.values()]
        .filter((offered) => input.name === undefined || offered.name === input.name)
        .map((offered) => offerDocument(state, offered));
    });
    return Promise.resolve({ offers: offers.sort((a, b) => (a.url < b.url ? -1 : 1)) });
  },
  'show-offer': (input, { registry }) => {
    const resolved = resolveIn(registry, input.model, input.url);
    const state = registry.get(resolved.model).view.state;
    const offered = state.offers.get(resolved.offer);
    if (offered === undefined)
      throw new ControllerError('not-found', `application offer "${resolved.url}" not found`);
    return Promise.resolve(offerDocument(state, offered));
  },
  'remove-offer': async (input, { registry }) => {
    const resolved = resolveIn(registry, input.model, input.url);
    await registry.get(resolved.model).mutate((view) =>
      removeOffer(view.state, {
        name: resolved.offer,
        ...(input.force === undefined ? {} : { force: input.force }),
      }),
    );
    return {};
  },
  consume: async (input, { registry }) => {
    const resolved = resolveOffer(registry, input.url);
    const saas = await registry
      .get(input.model)
      .mutate((view) => consumeIn(view.state, registry, resolved, input.name));
    return { saas: saas.name };
  },
  'remove-saas': async (input, { registry }) => {
    await registry.get(input.model).mutate((view) => removeSaas(view.state, { name: input.name }));
    return {};
  },
  'suspend-relation': async (input, { registry }) => {
    await suspendAll(registry, input.model, input.relationIds, true, input.message ?? '');
    return {};
  },
  'resume-relation': async (input, { registry }) => {
    await suspendAll(registry, input.model, input.relationIds, false, '');
    return {};
  },
};

/**
 * R8.2: a SAAS for a resolved offer, in the consuming model.
 *
 * @example
 * host.mutate((view) => consumeIn(view.state, registry, resolved, 'pgsql'));
 */
export function consumeIn(
  state: ModelState,
  registry: ModelRegistry,
  resolved: ResolvedOffer,
  name: string | undefined,
): ReturnType<typeof consume> {
  if (resolved.model === state.name)
    return {
      ok: false,
      code: 'not-supported',
      message: `cannot consume offer "${resolved.url}" in its own model; integrate with application "${registry.get(resolved.model).view.state.offers.get(resolved.offer)?.application ?? resolved.offer}" directly`,
    };
  const description = consumableOffer(
    registry.get(resolved.model).view.state,
    resolved.offer,
    resolved.url,
  );
  if (description === undefined)
    return {
      ok: false,
      code: 'not-found',
      message: `application offer "${resolved.url}" not found`,
    };
  return consume(state, { offer: description, ...(name === undefined ? {} : { name }) });
}

/** An offer URL, or a bare offer name of `model`. */
function resolveIn(registry: ModelRegistry, model: string, text: string): ResolvedOffer {
  return resolveOffer(registry, text.includes('.') ? text : `${model}.${text}`);
}

/** Suspends or resumes each relation in one transaction: all or none. */
async function suspendAll(
  registry: ModelRegistry,
  model: string,
  relationIds: readonly number[],
  suspended: boolean,
  reason: string,
): Promise<void> {
  await registry.get(model).mutate((view) => {
    let result: OperationResult = { ok: true, state: view.state, changes: [], value: undefined };
    const changes = [];
    for (const relationId of relationIds) {
      result = setRelationSuspended(result.state, { relationId, suspended, reason });
      if (!result.ok) return result;
      changes.push(...result.changes);
    }
    return { ...result, changes };
  });
}
