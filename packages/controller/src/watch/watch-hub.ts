/**
 * Pushing changes to watchers once they are durable: model deltas (agents' mirrors, `status
 * --watch`), and per-unit messages (the revision to decide at, requested resolution, open
 * operations) for agents. A unit message is sent only when a commit may have changed what the
 * unit decides (core's `unitsAffectedBy`, R4.14), and several commits in one turn of the event
 * loop coalesce into one message (R5.11).
 */
import { unitsAffectedBy } from '@loom/core';
import { encodeChange, encodeModel } from '@loom/protocol';
import type { WatchMessage } from '@loom/protocol';

import type { ModelHost } from '../model/model-host.js';
import type { ModelRegistry } from '../model/model-registry.js';
import type { Committed } from '../model/mutation.js';

/** Where a watch's messages go. */
export type Send = (message: WatchMessage) => void;

interface UnitWatcher {
  readonly model: string;
  readonly unit: string;
  readonly send: Send;
}

/** Every watch of a controller. */
export class WatchHub {
  private readonly modelWatchers = new Set<{ readonly model: string; readonly send: Send }>();
  private readonly unitWatchers = new Map<string, Set<UnitWatcher>>();
  private readonly dirty = new Set<string>();
  private flushScheduled = false;

  constructor(private readonly registry: ModelRegistry) {
    registry.onCommit((committed) => {
      this.committed(committed);
    });
    registry.onChange({
      destroyed: (model) => {
        this.destroyed(model);
      },
    });
  }

  /** Follows a model: its whole document now, then every delta. */
  watchModel(model: string, send: Send): () => void {
    const host = this.registry.get(model);
    const watcher = { model, send };
    send({
      type: 'model',
      revision: host.view.record.revision,
      model: encodeModel(host.view.state),
    });
    this.modelWatchers.add(watcher);
    return () => this.modelWatchers.delete(watcher);
  }

  /** Follows a unit: its message now, then whenever it may have changed. */
  watchUnit(model: string, unit: string, send: Send): () => void {
    const host = this.registry.get(model);
    const watcher = { model, unit, send };
    const key = `${model}\u0000${unit}`;
    const watchers = this.unitWatchers.get(key) ?? new Set<UnitWatcher>();
    watchers.add(watcher);
    this.unitWatchers.set(key, watchers);
    send(unitMessage(host, unit));
    return () => {
      watchers.delete(watcher);
      if (watchers.size === 0) this.unitWatchers.delete(key);
    };
  }

  /** The number of open watches, for tests and status. */
  get size(): number {
    let units = 0;
    for (const watchers of this.unitWatchers.values()) units += watchers.size;
    return this.modelWatchers.size + units;
  }

  private committed(committed: Committed): void {
    // Every commit, even one that changed only extras (a uniter state): watchers track revisions.
    // One message for all of them, so it is encoded once.
    let delta: WatchMessage | undefined;
    for (const watcher of this.modelWatchers) {
      if (watcher.model !== committed.model) continue;
      delta ??= {
        type: 'delta',
        revision: committed.revision,
        changes: committed.changes.map(encodeChange),
      };
      watcher.send(delta);
    }
    if (this.unitWatchers.size === 0) return;
    const touched = unitsAffectedBy(committed.before, committed.after, committed.changes);
    for (const unit of committed.uniterStateUnits) touched.add(unit);
    for (const operation of committed.operations) touched.add(operation.unit);
    for (const unit of touched) {
      const key = `${committed.model}\u0000${unit}`;
      if (this.unitWatchers.has(key)) this.dirty.add(key);
    }
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.dirty.size === 0) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const keys = [...this.dirty];
      this.dirty.clear();
      for (const key of keys) {
        const watchers = this.unitWatchers.get(key);
        const first = watchers?.values().next().value;
        if (watchers === undefined || first === undefined) continue;
        let host: ModelHost;
        try {
          host = this.registry.get(first.model);
        } catch {
          continue;
        }
        const message = unitMessage(host, first.unit);
        for (const watcher of watchers) watcher.send(message);
      }
    });
  }

  private destroyed(model: string): void {
    const message: WatchMessage = {
      type: 'error',
      code: 'model-not-found',
      message: `model "${model}" was destroyed`,
    };
    for (const watcher of this.modelWatchers) {
      if (watcher.model !== model) continue;
      watcher.send(message);
      this.modelWatchers.delete(watcher);
    }
    for (const [key, watchers] of this.unitWatchers) {
      if (!key.startsWith(`${model}\u0000`)) continue;
      for (const watcher of watchers) watcher.send(message);
      this.unitWatchers.delete(key);
    }
  }
}

/** What a unit's agent is told. */
function unitMessage(host: ModelHost, unit: string): WatchMessage {
  const view = host.view;
  const uniterState = view.uniterStates.get(unit);
  return {
    type: 'unit',
    revision: view.record.revision,
    resolution: uniterState?.failed === undefined ? null : (uniterState.resolution ?? null),
    operations: [...view.openOperations.values()]
      .filter((operation) => operation.unit === unit)
      .sort((a, b) => a.id - b.id),
  };
}
