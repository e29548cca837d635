/** Debug-log levels in order, so a query can ask for "this level or above". */
import type { LogLevel } from '@loom/core';

const RANK: Record<LogLevel, number> = {
  TRACE: 0,
  DEBUG: 1,
  INFO: 2,
  WARNING: 3,
  ERROR: 4,
  CRITICAL: 5,
};

/** A level's rank: TRACE 0 … CRITICAL 5. */
export function levelRank(level: LogLevel): number {
  return RANK[level];
}

/** The level of a rank. */
export function levelOfRank(rank: number): LogLevel {
  const level = (Object.keys(RANK) as LogLevel[]).find((name) => RANK[name] === rank);
  if (level === undefined) throw new RangeError(`no log level has rank ${rank}`);
  return level;
}
