/**
 * The one-line progress `loom wait` keeps up to date on a terminal: how many units are idle, and
 * what the others are doing (`db/0 running install hook`, `app/1 allocating`).
 */
import type { StatusDocument } from '@loom/protocol';

/** What keeps a model from being settled, unit by unit. */
export interface Unsettled {
  readonly idle: number;
  readonly total: number;
  /** `<unit> <what it does>` for each unit not idle, by name. */
  readonly busy: readonly string[];
}

/** Counts the idle units and describes the others. */
export function unsettledUnits(status: StatusDocument): Unsettled {
  const busy: string[] = [];
  for (const unit of status.units) {
    const { current, message } = unit.agentStatus;
    if (current === 'idle') continue;
    busy.push(`${unit.name} ${current === 'executing' && message !== '' ? message : current}`);
  }
  return { idle: status.units.length - busy.length, total: status.units.length, busy };
}

/** The progress line, cut to `columns` characters. */
export function waitProgressLine(model: string, unsettled: Unsettled, columns: number): string {
  const head = `waiting for model "${model}": ${unsettled.idle}/${unsettled.total} units idle`;
  const line = [head, ...unsettled.busy].join('; ');
  return line.length <= columns ? line : `${line.slice(0, Math.max(0, columns - 3))}...`;
}
