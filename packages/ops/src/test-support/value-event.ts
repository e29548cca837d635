/** An event carrying one string value, snapshotted and restored: the framework tests' event. */
import { EventBase } from '../framework/events.js';
import type { EventSnapshot } from '../framework/events.js';
import type { Framework } from '../framework/framework.js';
import type { Handle } from '../framework/handle.js';

export class ValueEvent extends EventBase {
  constructor(
    handle: Handle,
    framework: Framework,
    public value = '',
  ) {
    super(handle, framework);
  }

  override snapshot(): EventSnapshot {
    return { value: this.value };
  }

  override restore(snapshot: EventSnapshot): void {
    this.value = typeof snapshot.value === 'string' ? snapshot.value : '';
  }
}
