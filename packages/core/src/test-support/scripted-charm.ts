/**
 * Test support: a charm behaviour made of scripted actions ("when db/0 runs config-changed, write
 * host=...") and observations of what hooks saw.
 */
import type { HookContext } from '../hook-context/hook-context.js';
import type { CharmHandler } from '../simulator/simulation-host.js';
import type { Simulator } from '../simulator/simulator.js';
import { describeHook } from '../simulator/hook-record.js';
import type { HookRecord } from '../simulator/hook-record.js';

type Action = (context: HookContext) => void;

interface Rule {
  readonly unit: string;
  readonly hook: string;
  readonly action: Action;
  remaining: number;
}

/** Scripted behaviour shared by every charm of a simulator. */
export class Script {
  private readonly rules: Rule[] = [];

  /** When `unit` next runs `hook` (a hook name or a spec description), run `action` once. */
  on(unit: string, hook: string, action: Action, times = 1): this {
    this.rules.push({ unit, hook, action, remaining: times });
    return this;
  }

  /** The handler to give the simulator. */
  readonly handler: CharmHandler = (context) => {
    const description = context.hook === undefined ? '' : describeHook(context.hook);
    for (const rule of this.rules) {
      if (rule.remaining === 0 || rule.unit !== context.unit) continue;
      if (rule.hook !== context.hook?.name && rule.hook !== description) continue;
      rule.remaining -= 1;
      rule.action(context);
    }
  };

  /** Registers the handler for every charm of the spec fixtures. */
  install(simulator: Simulator, charms: readonly string[]): this {
    for (const charm of charms) simulator.charm(charm, this.handler);
    return this;
  }
}

/** Where each unit's hook log stands, to look at what runs after an operator step. */
export function mark(simulator: Simulator): Map<string, number> {
  return new Map(simulator.units().map((unit) => [unit, simulator.hookCount(unit)]));
}

/** The hooks a unit ran since the mark, in spec notation. */
export function since(simulator: Simulator, marked: Map<string, number>, unit: string): string[] {
  return simulator.hooks(unit, marked.get(unit) ?? 0).map((record) => describeHook(record.hook));
}

/** The hook records a unit ran since the mark. */
export function recordsSince(
  simulator: Simulator,
  marked: Map<string, number>,
  unit: string,
): readonly HookRecord[] {
  return simulator.hooks(unit, marked.get(unit) ?? 0);
}
