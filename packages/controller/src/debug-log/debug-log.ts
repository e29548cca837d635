/**
 * The debug log (Juju's `debug-log`): records from units' hooks and the controller, stored with a
 * bound, queried with Juju's filters, and streamed to followers as they arrive.
 */

import type { LogLevel } from '@loom/core';
import type { LogRecordDocument } from '@loom/protocol';
import { matchesLogFilter } from '@loom/store';
import type { LogRecordInput, Store } from '@loom/store';

import { timestamp } from '../clock/clock.js';
import type { Clock } from '../clock/clock.js';

/** Which records to show: Juju's `--include`, `--level`, `--lines`, `--replay`. */
export interface LogFilter {
  readonly model: string;
  readonly units?: readonly string[] | undefined;
  readonly applications?: readonly string[] | undefined;
  readonly excludeUnits?: readonly string[] | undefined;
  readonly excludeApplications?: readonly string[] | undefined;
  readonly level?: LogLevel | undefined;
  readonly lines?: number | undefined;
  readonly replay?: boolean | undefined;
  readonly afterId?: number | undefined;
}

/** `juju debug-log` shows the last 10 lines unless told otherwise. */
const DEFAULT_LINES = 10;

interface Follower {
  readonly filter: LogFilter;
  readonly send: (records: readonly LogRecordDocument[]) => void;
}

/** The debug log of every model. */
export class DebugLog {
  private readonly followers = new Set<Follower>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Stores records (stamped with the controller's time) and passes them to followers. */
  async append(
    model: string,
    records: readonly Omit<LogRecordInput, 'time'>[],
  ): Promise<readonly LogRecordDocument[]> {
    const time = timestamp(this.clock);
    const stored = await this.store.appendLog(
      model,
      records.map((record) => ({ ...record, time })),
    );
    for (const follower of this.followers) {
      const matching = stored.filter((record) => matchesLogFilter(follower.filter, record));
      if (matching.length > 0) follower.send(matching);
    }
    return stored;
  }

  /** Stored records matching a filter, oldest first. */
  query(filter: LogFilter): Promise<readonly LogRecordDocument[]> {
    return this.store.queryLog({
      model: filter.model,
      ...(filter.units === undefined ? {} : { units: filter.units }),
      ...(filter.applications === undefined ? {} : { applications: filter.applications }),
      ...(filter.excludeUnits === undefined ? {} : { excludeUnits: filter.excludeUnits }),
      ...(filter.excludeApplications === undefined
        ? {}
        : { excludeApplications: filter.excludeApplications }),
      ...(filter.level === undefined ? {} : { level: filter.level }),
      ...(filter.afterId === undefined ? {} : { afterId: filter.afterId }),
      ...(filter.replay === true ? {} : { limit: filter.lines ?? DEFAULT_LINES }),
    });
  }

  /**
   * Sends the stored records a filter selects, then every new matching one; returns the function
   * that stops following.
   */
  async follow(
    filter: LogFilter,
    send: (records: readonly LogRecordDocument[]) => void,
  ): Promise<() => void> {
    // Registered before the query, so nothing appended meanwhile is missed: live records wait
    // until the stored ones are sent, and none is sent twice.
    let lastSent = filter.afterId ?? 0;
    let waiting: LogRecordDocument[] | undefined = [];
    const deliver = (records: readonly LogRecordDocument[]) => {
      const fresh = records.filter((record) => record.id > lastSent);
      const last = fresh.at(-1);
      if (last === undefined) return;
      lastSent = last.id;
      send(fresh);
    };
    const follower: Follower = {
      filter,
      send: (records) => {
        if (waiting === undefined) deliver(records);
        else waiting.push(...records);
      },
    };
    this.followers.add(follower);
    deliver(await this.query(filter));
    const held = waiting;
    waiting = undefined;
    deliver(held);
    return () => this.followers.delete(follower);
  }

  /** Stops every follower of a destroyed model. */
  forget(model: string): void {
    for (const follower of this.followers)
      if (follower.filter.model === model) this.followers.delete(follower);
  }
}
