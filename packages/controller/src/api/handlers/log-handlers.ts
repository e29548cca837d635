/** Reading the debug log. */
import type { Handlers } from '../handler.js';

export const logHandlers: Handlers<'debug-log'> = {
  'debug-log': async (input, { registry, debugLog }) => {
    registry.get(input.model);
    return { records: await debugLog.query(input) };
  },
};
