/**
 * Debug-log levels in order, so a query can ask for "this level or above", and the one test of a
 * record against a filter that the stores and the controller's live debug log share.
 */
import { applicationOfUnit } from '@loom/core';
import type { LogLevel } from '@loom/core';
import { LOG_LEVELS } from '@loom/protocol';
import type { LogRecordDocument } from '@loom/protocol';

/** A level's rank: TRACE 0 … CRITICAL 5. */
export function levelRank(level: LogLevel): number {
  return LOG_LEVELS.indexOf(level);
}

/** The level of a rank. */
export function levelOfRank(rank: number): LogLevel {
  const level = LOG_LEVELS[rank];
  if (level === undefined) throw new RangeError(`no log level has rank ${rank}`);
  return level;
}

/** Which records a debug-log reader wants; absent or empty lists mean everyone. */
export interface LogRecordFilter {
  /** This level and above. */
  readonly level?: LogLevel | undefined;
  readonly units?: readonly string[] | undefined;
  readonly applications?: readonly string[] | undefined;
  readonly excludeUnits?: readonly string[] | undefined;
  readonly excludeApplications?: readonly string[] | undefined;
}

/**
 * Whether `record` passes `filter`: its level, its unit or that unit's application included (or
 * no inclusion asked) and neither excluded.
 */
export function matchesLogFilter(filter: LogRecordFilter, record: LogRecordDocument): boolean {
  if (filter.level !== undefined && levelRank(record.level) < levelRank(filter.level)) return false;
  const application = applicationOfUnit(record.unit);
  if (
    (filter.excludeUnits ?? []).includes(record.unit) ||
    (filter.excludeApplications ?? []).includes(application)
  )
    return false;
  const units = filter.units ?? [];
  const applications = filter.applications ?? [];
  if (units.length === 0 && applications.length === 0) return true;
  return units.includes(record.unit) || applications.includes(application);
}
