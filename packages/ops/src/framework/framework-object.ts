/**
 * Objects of a charm's tree (ops's `Object`): each has a handle under its parent's and knows the
 * framework. The charm is the root; its event sets, stored states and libraries hang under it.
 * Two live objects may not share a path: deferred events and stored state find theirs by it.
 */
import type { Framework } from './framework.js';
import { Handle } from './handle.js';

/** What an object hangs under: another object, or the framework for a root such as the charm. */
export type ObjectParent = FrameworkObject | Framework;

/** An object of the charm's tree. Subclasses name their kind after their class by default. */
export abstract class FrameworkObject {
  readonly framework: Framework;
  readonly handle: Handle;

  /**
   * @param key Tells apart several objects of one kind under one parent (`Lib[a]`, `Lib[b]`).
   * @throws Error when a live object already has this path.
   */
  constructor(parent: ObjectParent, key?: string) {
    const kind = this.handleKind;
    if (parent instanceof FrameworkObject) {
      this.framework = parent.framework;
      this.handle = parent.handle.nest(kind, key);
    } else {
      this.framework = parent;
      this.handle = new Handle(undefined, kind, key);
    }
    this.framework.track(this);
  }

  /** The kind in this object's handle; the class's name unless overridden. */
  get handleKind(): string {
    return this.constructor.name;
  }
}
