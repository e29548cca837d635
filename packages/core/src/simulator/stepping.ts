/**
 * Which unit takes the next step (spec §11.2 item 4): round-robin in byte-wise name order, or a
 * seeded pseudo-random order. Only units that may have something to do are considered.
 */
import btree from 'sorted-btree';

import { compareNames } from '../model/keys.js';

/** How the simulator picks the next unit. */
export type Stepping =
  { readonly kind: 'round-robin' } | { readonly kind: 'random'; readonly seed: number };

/** The units that may have work, and the order they are served in. */
export interface Stepper {
  add(unit: string): void;
  remove(unit: string): void;
  /** The next unit to step, or undefined when none may have work. */
  next(): string | undefined;
  readonly size: number;
}

/** Creates the stepper for a policy. */
export function createStepper(stepping: Stepping): Stepper {
  return stepping.kind === 'round-robin' ? new RoundRobin() : new SeededRandom(stepping.seed);
}

class RoundRobin implements Stepper {
  private readonly units = new btree.default<string, undefined>(undefined, compareNames);
  private last: string | undefined;

  get size(): number {
    return this.units.size;
  }

  add(unit: string): void {
    this.units.set(unit, undefined);
  }

  remove(unit: string): void {
    this.units.delete(unit);
  }

  next(): string | undefined {
    const after =
      this.last === undefined ? this.units.minKey() : this.units.nextHigherKey(this.last);
    this.last = after ?? this.units.minKey();
    return this.last;
  }
}

/** mulberry32: a small, well-known 32-bit generator; the same seed gives the same order. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class SeededRandom implements Stepper {
  private readonly units: string[] = [];
  private readonly positions = new Map<string, number>();
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = mulberry32(seed);
  }

  get size(): number {
    return this.units.length;
  }

  add(unit: string): void {
    if (this.positions.has(unit)) return;
    this.positions.set(unit, this.units.length);
    this.units.push(unit);
  }

  remove(unit: string): void {
    const position = this.positions.get(unit);
    if (position === undefined) return;
    const last = this.units.pop();
    this.positions.delete(unit);
    if (last !== undefined && last !== unit) {
      this.units[position] = last;
      this.positions.set(last, position);
    }
  }

  next(): string | undefined {
    if (this.units.length === 0) return undefined;
    return this.units[Math.floor(this.random() * this.units.length)];
  }
}
