/**
 * Durations on the command line, as Juju writes them: `500ms`, `30s`, `5m`, `1h`, or a sum such
 * as `1m30s`.
 */
import { InvalidArgumentError } from 'commander';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;

/**
 * Parses a duration into milliseconds.
 *
 * @throws InvalidArgumentError naming the text and the accepted forms.
 */
export function parseDuration(text: string): number {
  let total = 0;
  let matched = 0;
  PART.lastIndex = 0;
  for (let part = PART.exec(text); part !== null; part = PART.exec(text)) {
    total += Number(part[1]) * (UNIT_MS[part[2] ?? ''] ?? Number.NaN);
    matched = PART.lastIndex;
  }
  if (text === '' || matched !== text.length || !Number.isFinite(total))
    throw new InvalidArgumentError(
      `"${text}" is not a duration; write it like 500ms, 30s, 5m or 1m30s.`,
    );
  return Math.round(total);
}
