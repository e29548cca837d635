/**
 * The base of every charm (ops's CharmBase): the root of the object tree, with its events
 * defined from the metadata, and the model, unit, application and config of the hook.
 *
 * @example
 * class Demo extends CharmBase {
 *   constructor(framework: Framework) {
 *     super(framework);
 *     this.framework.observe(this.on.install, this.onInstall);
 *     this.framework.observe(this.on.relation('db').changed, this.onDbChanged);
 *   }
 *   private readonly onInstall = async (): Promise<void> => {
 *     await this.unit.setStatus(new ActiveStatus());
 *   };
 *   private readonly onDbChanged = async (event: RelationChangedEvent): Promise<void> => {
 *     await event.relation.data.unit(this.unit.name).set('seen', 'yes');
 *   };
 * }
 */
import type { CharmMetadata } from '@loom/core';

import type { Framework } from '../framework/framework.js';
import { FrameworkObject } from '../framework/framework-object.js';
import type { Model } from '../model/model.js';
import type { Application, Unit } from '../model/unit.js';
import { CharmEvents } from './charm-events.js';

/** A charm. Subclasses observe events in their constructor. */
export class CharmBase extends FrameworkObject {
  readonly on: CharmEvents;

  constructor(framework: Framework) {
    super(framework);
    this.on = new CharmEvents(this, this.meta);
  }

  /** The charm's metadata, as Juju reads it. */
  get meta(): CharmMetadata {
    const meta = this.framework.meta;
    if (meta === undefined) throw new Error('the charm has no metadata: run it with main()');
    return meta;
  }

  /** The model of this hook. */
  get model(): Model {
    if (this.framework.model === undefined)
      throw new Error('the charm has no model: run it with main()');
    return this.framework.model;
  }

  /** Our unit. */
  get unit(): Unit {
    return this.model.unit;
  }

  /** Our application. */
  get app(): Application {
    return this.model.app;
  }
}
