/** Requests about models and what they hold: add, list, destroy, status, export. */
import { z } from 'zod';

import { modelName } from '../schemas/names.js';

export const addModelRequest = z.strictObject({ name: modelName });
export const listModelsRequest = z.strictObject({});
export const destroyModelRequest = z.strictObject({ name: modelName });
export const statusRequest = z.strictObject({ model: modelName });
export const exportModelRequest = z.strictObject({ model: modelName });
