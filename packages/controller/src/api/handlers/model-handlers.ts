/** Models: add, list, destroy, status, show-unit and export. */
import { encodeModel } from '@loom/protocol';

import { machineAddresses } from '../../agents/machine-address.js';
import { showUnitDocument } from '../../status/show-unit-document.js';
import { statusDocument } from '../../status/status-document.js';
import type { Handlers } from '../handler.js';

export const modelHandlers: Handlers<
  'add-model' | 'models' | 'destroy-model' | 'status' | 'show-unit' | 'export-model'
> = {
  'add-model': (input, { registry }) => registry.add(input.name),
  models: (_input, { registry }) => Promise.resolve({ models: registry.list() }),
  'destroy-model': async (input, { registry, debugLog }) => {
    await registry.destroy(input.name);
    debugLog.forget(input.name);
    return {};
  },
  status: (input, { registry, hookSlots }) => {
    const view = registry.get(input.model).view;
    return Promise.resolve(
      statusDocument(view.record, view.state, (unit) => hookSlots.activity(input.model, unit)),
    );
  },
  'show-unit': (input, { registry }) => {
    const view = registry.get(input.model).view;
    return Promise.resolve(
      showUnitDocument(view.state, input.unit, machineAddresses(view.record.uuid)),
    );
  },
  'export-model': (input, { registry }) => {
    const view = registry.get(input.model).view;
    return Promise.resolve({ revision: view.record.revision, model: encodeModel(view.state) });
  },
};
