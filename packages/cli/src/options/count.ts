/** `-n` as Juju reads it: a whole number of units. */
import { InvalidArgumentError } from 'commander';

/** @throws InvalidArgumentError naming the text. */
export function parseCount(text: string): number {
  if (!/^\d+$/.test(text))
    throw new InvalidArgumentError(`"${text}" is not a whole number of units.`);
  return Number(text);
}
