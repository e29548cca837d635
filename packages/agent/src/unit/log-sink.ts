/**
 * A unit's debug-log records (hook output, juju-log), batched to the controller: sent every
 * 50 ms, and at once when a hook ends, so a hook's lines are stored before its commit answers.
 */
import type { LogLevel } from '@loom/core';
import type { ApiClient } from '@loom/protocol';

const FLUSH_MS = 50;

interface Pending {
  readonly unit: string;
  readonly hook: string;
  readonly level: LogLevel;
  readonly message: string;
}

/** The records of one model's units on a machine. */
export class LogSink {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: ApiClient,
    private readonly model: string,
    private readonly report: (error: unknown) => void,
  ) {}

  add(unit: string, hook: string, level: LogLevel, message: string): void {
    this.pending.push({ unit, hook, level, message });
    this.timer ??= setTimeout(() => {
      void this.flush();
    }, FLUSH_MS);
  }

  /** Sends what is pending; resolves when the controller stored it. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const records = this.pending.splice(0, 10_000);
    if (records.length === 0) return this.sending;
    this.sending = this.sending
      .then(() => this.client.call('agent/log', { model: this.model, records }))
      .then(
        () => undefined,
        (error: unknown) => {
          this.report(error);
        },
      );
    return this.pending.length > 0 ? this.flush() : this.sending;
  }
}
