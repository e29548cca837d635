/** Requests about models and what they hold: add, list, destroy, status, show-unit, export. */
import { z } from 'zod';

import { modelName, unitName } from '../schemas/names.js';

export const addModelRequest = z.strictObject({ name: modelName });
export const listModelsRequest = z.strictObject({});
export const destroyModelRequest = z.strictObject({ name: modelName });
export const statusRequest = z.strictObject({ model: modelName });
/** One unit with what it sees of its relations (`juju show-unit`). */
export const showUnitRequest = z.strictObject({ model: modelName, unit: unitName });
export const exportModelRequest = z.strictObject({ model: modelName });
