/**
 * API mutations paired with the core operation each one stands for, so a model held by the
 * controller can be compared with the same mutations replayed through core.
 */
import {
  addUnit,
  configureApplication,
  deploy,
  integrate,
  loadCharm,
  removeRelation,
  removeUnit,
} from '@loom/core';
import type { CharmFiles, CharmMetadata, ModelState, OperationResult } from '@loom/core';
import type { ApiClient } from '@loom/protocol';

/** One API call that changes a model. */
export type Mutation =
  | {
      readonly method: 'deploy';
      readonly application: string;
      readonly charmPath: string;
      readonly charm: CharmMetadata;
      readonly charmUrl: string;
      readonly numUnits: number;
    }
  | { readonly method: 'add-unit'; readonly application: string; readonly numUnits: number }
  | { readonly method: 'remove-unit'; readonly units: readonly string[] }
  | {
      readonly method: 'configure';
      readonly application: string;
      readonly settings: Readonly<Record<string, number>>;
    }
  | { readonly method: 'integrate'; readonly endpoints: readonly [string, string] }
  | { readonly method: 'remove-relation'; readonly relationId: number };

/** Charm metadata from file texts, as the controller loads it. */
export function metadataOf(files: CharmFiles): CharmMetadata {
  const loaded = loadCharm(files);
  if (!loaded.ok) throw new Error(`fixture charm does not load: ${JSON.stringify(loaded)}`);
  return loaded.metadata;
}

/** Sends a mutation to the controller. */
export async function send(client: ApiClient, model: string, mutation: Mutation): Promise<void> {
  switch (mutation.method) {
    case 'deploy':
      await client.call('deploy', {
        model,
        application: mutation.application,
        charm: { path: mutation.charmPath },
        numUnits: mutation.numUnits,
      });
      return;
    case 'add-unit':
      await client.call('add-unit', {
        model,
        application: mutation.application,
        numUnits: mutation.numUnits,
      });
      return;
    case 'remove-unit':
      await client.call('remove-unit', { model, units: [...mutation.units] });
      return;
    case 'configure':
      await client.call('configure', {
        model,
        application: mutation.application,
        settings: { ...mutation.settings },
      });
      return;
    case 'integrate':
      await client.call('integrate', { model, endpoints: [...mutation.endpoints] });
      return;
    case 'remove-relation':
      await client.call('remove-relation', { model, relationId: mutation.relationId });
      return;
  }
}

/** The same mutation through core; a refusal is a test failure. */
export function replay(state: ModelState, mutation: Mutation): ModelState {
  const result = ((): OperationResult<unknown> => {
    switch (mutation.method) {
      case 'deploy':
        return deploy(state, {
          application: mutation.application,
          charm: mutation.charm,
          charmUrl: mutation.charmUrl,
          numUnits: mutation.numUnits,
        });
      case 'add-unit':
        return addUnit(state, { application: mutation.application, numUnits: mutation.numUnits });
      case 'remove-unit':
        return removeUnit(state, { units: [...mutation.units] });
      case 'configure':
        return configureApplication(state, {
          application: mutation.application,
          settings: { ...mutation.settings },
        });
      case 'integrate':
        return integrate(state, { endpoints: [...mutation.endpoints] });
      case 'remove-relation':
        return removeRelation(state, { relationId: mutation.relationId });
    }
  })();
  if (!result.ok) throw new Error(`core refused ${JSON.stringify(mutation)}: ${result.message}`);
  return result.state;
}

/**
 * A random mutation that core accepts on `state`: more units, config changes, removing an alive
 * unit, and toggling the integration between `app` and `db`.
 */
export function randomMutation(state: ModelState, random: () => number, tick: number): Mutation {
  const alive = [...state.units.values()].filter((unit) => unit.life === 'alive');
  const relation = [...state.relations.values()][0];
  const choice = Math.floor(random() * 5);
  if (choice === 0 && alive.length > 2) {
    const unit = alive[Math.floor(random() * alive.length)];
    if (unit !== undefined) return { method: 'remove-unit', units: [unit.name] };
  }
  if (choice === 1) {
    if (relation === undefined) return { method: 'integrate', endpoints: ['app', 'db'] };
    if (relation.life === 'alive') return { method: 'remove-relation', relationId: relation.id };
  }
  if (choice === 2) return { method: 'configure', application: 'db', settings: { tick } };
  return {
    method: 'add-unit',
    application: random() < 0.5 ? 'app' : 'db',
    numUnits: 1 + Math.floor(random() * 2),
  };
}

/** A small seeded generator (mulberry32), so a failing run can be repeated from its seed. */
export function seededRandom(seed: number): () => number {
  let value = seed >>> 0;
  return () => {
    value = (value + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(value ^ (value >>> 15), 1 | value);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}
