/**
 * Requests of cross-model relations (spec §8): offering endpoints, listing and finding offers,
 * consuming one as a SAAS, removing either, and suspending or resuming an offer's relations.
 */
import { z } from 'zod';

import { applicationName, modelName, relationId } from '../schemas/names.js';

/** An offer URL, `[<controller>:][<user>/]<model>.<offer-name>` (R8.1), checked by core. */
const offerUrl = z.string().min(1, 'expected an offer URL such as "admin/prod.pgsql"');

export const offerRequest = z.strictObject({
  model: modelName,
  application: applicationName,
  endpoints: z.array(z.string().min(1)),
  name: z.string().min(1).optional(),
});

/** Offers of one model, or of every model when none is named; optionally one offer name. */
export const listOffersRequest = z.strictObject({
  model: modelName.optional(),
  name: z.string().min(1).optional(),
});

export const showOfferRequest = z.strictObject({ model: modelName, url: offerUrl });

export const removeOfferRequest = z.strictObject({
  model: modelName,
  url: offerUrl,
  force: z.boolean().optional(),
});

export const consumeRequest = z.strictObject({
  model: modelName,
  url: offerUrl,
  name: z.string().min(1).optional(),
});

export const removeSaasRequest = z.strictObject({ model: modelName, name: z.string().min(1) });

export const suspendRelationRequest = z.strictObject({
  model: modelName,
  relationIds: z.array(relationId).min(1),
  message: z.string().optional(),
});

export const resumeRelationRequest = z.strictObject({
  model: modelName,
  relationIds: z.array(relationId).min(1),
});
