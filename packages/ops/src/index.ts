/**
 * @loom/ops: write Juju charms in TypeScript, with Canonical ops's model of charms, events,
 * relations and stored state.
 */
export { EventBase, BoundEvent, ObjectEvents } from './framework/events.js';
export type { EventSnapshot, EventType } from './framework/events.js';
export { Framework } from './framework/framework.js';
export type {
  DeferredEvent,
  EventHandler,
  FrameworkLogLevel,
  FrameworkOptions,
} from './framework/framework.js';
export { FrameworkObject } from './framework/framework-object.js';
export type { ObjectParent } from './framework/framework-object.js';
export { Handle } from './framework/handle.js';
export { StoredState } from './framework/stored-state.js';
export type { StoredData } from './framework/stored-state.js';
export {
  EMPTY_UNIT_STATE,
  FileUnitStateStore,
  MemoryUnitStateStore,
} from './framework/unit-state.js';
export type { JsonValue, Notice, UnitState, UnitStateStore } from './framework/unit-state.js';
