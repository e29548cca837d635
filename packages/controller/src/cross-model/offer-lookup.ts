/**
 * Offers as the controller shows and finds them: their documents (R8.1, with their connections)
 * and URL resolution within this controller (`loom` is its name; `admin` its only user).
 */
import {
  formatOfferUrl,
  offeredEndpoints,
  offerRelations,
  parseOfferUrl,
  remoteMembers,
} from '@loom/core';
import type { ModelState, Offer } from '@loom/core';
import type { OfferDocument } from '@loom/protocol';

import { charmRevision } from '../charms/charm-archive.js';
import { ControllerError, OperationRefusedError } from '../controller-error.js';
import type { ModelRegistry } from '../model/model-registry.js';

/** The controller's name in offer URLs, and the user every model belongs to. */
export const CONTROLLER_NAME = 'loom';
export const OWNER = 'admin';

/** An offer's URL, `admin/<model>.<offer>`. */
export function offerUrl(model: string, offer: string): string {
  return formatOfferUrl({ model, offer }, OWNER);
}

/** The document of an offer of `state`. */
export function offerDocument(state: ModelState, offered: Offer): OfferDocument {
  const application = state.applications.get(offered.application);
  return {
    url: offerUrl(state.name, offered.name),
    model: state.name,
    name: offered.name,
    application: offered.application,
    charm: application?.charm.name ?? '',
    charmRevision: application === undefined ? 0 : charmRevision(application.charmUrl),
    endpoints: offeredEndpoints(state, offered),
    connections: offerRelations(state, offered.name).map((relation) => {
      const link = relation.crossModel;
      const proxy =
        link === undefined ? undefined : state.remoteApplications.get(link.remoteApplication);
      const own = relation.endpoints.find((e) => e.application === offered.application);
      return {
        relationId: relation.id,
        sourceModel: proxy?.sourceModel ?? '',
        sourceApplication: proxy?.sourceApplication ?? '',
        user: OWNER,
        endpoint: own?.name ?? '',
        status: relation.status,
        suspended: relation.suspended,
        suspendedReason: relation.suspendedReason,
        unitCount: remoteMembers(state, relation).length,
      };
    }),
  };
}

/** An offer URL resolved within this controller: its model and offer name. */
export interface ResolvedOffer {
  readonly model: string;
  readonly offer: string;
  /** The canonical URL, `admin/<model>.<offer>`. */
  readonly url: string;
}

/**
 * Resolves an offer URL against this controller's models.
 *
 * @throws ControllerError `not-valid` for a malformed URL or another controller or user,
 *   `not-found` for a missing model or offer.
 */
export function resolveOffer(registry: ModelRegistry, text: string): ResolvedOffer {
  const parsed = parseOfferUrl(text);
  if ('ok' in parsed) throw new OperationRefusedError(parsed);
  if (parsed.controller !== undefined && parsed.controller !== CONTROLLER_NAME)
    throw new ControllerError(
      'not-valid',
      `offer URL "${text}" names controller "${parsed.controller}"; this controller is "${CONTROLLER_NAME}" and relations across controllers are not supported yet`,
    );
  if (parsed.user !== undefined && parsed.user !== OWNER)
    throw new ControllerError(
      'not-found',
      `application offer "${text}" not found: user "${parsed.user}" has no models here; every model belongs to "${OWNER}"`,
    );
  const state = registry.get(parsed.model).view.state;
  if (!state.offers.has(parsed.offer))
    throw new ControllerError(
      'not-found',
      `application offer "${offerUrl(parsed.model, parsed.offer)}" not found; run "loom offers -m ${parsed.model}" to list its offers`,
    );
  return { model: parsed.model, offer: parsed.offer, url: offerUrl(parsed.model, parsed.offer) };
}
