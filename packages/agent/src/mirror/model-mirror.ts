/**
 * The machine agent's copy of its model, kept by the controller's model watch: the whole model
 * once, then every commit's changes. Hook tools read it (through core's hook context, with Juju's
 * caching rules); each read is at least as new as the snapshot that decided the hook, because the
 * agent waits for the mirror to reach that revision first.
 */
import { applyChanges } from '@loom/core';
import type { ModelState } from '@loom/core';
import { decodeChange, decodeModel } from '@loom/protocol';
import type { ApiClient, Watch, WatchMessage } from '@loom/protocol';

/** A live copy of one model. */
export class ModelMirror {
  private stateValue: ModelState | undefined;
  private revisionValue = -1;
  private readonly waiting: {
    revision: number;
    resolve: () => void;
    reject: (error: Error) => void;
  }[] = [];
  private readonly listeners: (() => void)[] = [];
  private watch: Watch | undefined;
  private failure: Error | undefined;

  private constructor(readonly model: string) {}

  /** Subscribes to the model and resolves once the first copy arrived. */
  static async start(client: ApiClient, model: string): Promise<ModelMirror> {
    const mirror = new ModelMirror(model);
    mirror.watch = client.watch({ watch: 'model', model }, (message) => {
      mirror.receive(message);
    });
    // Once the watch ends, nothing will catch up: waiters fail instead of waiting for ever.
    void mirror.watch.closed.then(() => {
      mirror.fail(new Error(`the watch of model "${model}" ended`));
    });
    await mirror.watch.opened;
    await mirror.whenAt(0);
    return mirror;
  }

  /** The model as of `revision`. */
  get state(): ModelState {
    if (this.stateValue === undefined) throw new Error(`model "${this.model}" not received yet`);
    return this.stateValue;
  }

  get revision(): number {
    return this.revisionValue;
  }

  /** Resolves when the closed watch ended (the controller went away or the model was destroyed). */
  get closed(): Promise<void> {
    return this.watch?.closed ?? Promise.resolve();
  }

  /** Calls `listener` after every change. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /**
   * Resolves once the mirror holds `revision` or later.
   *
   * @throws Error when the watch failed (the model was destroyed).
   */
  whenAt(revision: number): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.revisionValue >= revision && this.stateValue !== undefined) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiting.push({ revision, resolve, reject }));
  }

  close(): void {
    this.watch?.close();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(this.failure);
  }

  private receive(message: WatchMessage): void {
    switch (message.type) {
      case 'model':
        this.stateValue = decodeModel(message.model);
        this.revisionValue = message.revision;
        break;
      case 'delta': {
        if (this.stateValue === undefined) return;
        this.stateValue = applyChanges(this.stateValue, message.changes.map(decodeChange));
        this.revisionValue = message.revision;
        break;
      }
      case 'error':
        this.fail(new Error(message.message));
        return;
      default:
        return;
    }
    for (let index = this.waiting.length - 1; index >= 0; index -= 1) {
      const waiter = this.waiting[index];
      if (waiter !== undefined && waiter.revision <= this.revisionValue) {
        this.waiting.splice(index, 1);
        waiter.resolve();
      }
    }
    for (const listener of this.listeners) listener();
  }
}
