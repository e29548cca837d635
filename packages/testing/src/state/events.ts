/**
 * The events a state-transition test can run, made by `ctx.on.*`: the unit hooks, the five
 * relation hooks of a relation in the state (with the remote unit by number), and actions.
 */
import type { RelationHookKind } from '@loom/core';

import type { AnyRelation } from './state.js';

/** Hooks that are about the unit, not a relation. */
export type UnitHookName =
  | 'install'
  | 'start'
  | 'stop'
  | 'remove'
  | 'config-changed'
  | 'leader-elected'
  | 'leader-settings-changed'
  | 'update-status'
  | 'upgrade-charm';

/** One event to run. */
export type StateEvent =
  | { readonly kind: 'unit'; readonly hook: UnitHookName }
  | {
      readonly kind: 'relation';
      readonly hook: RelationHookKind;
      readonly relation: AnyRelation;
      /** The remote (or peer) unit's number, for joined, changed and departed. */
      readonly remoteUnit?: number;
      /** The departing unit's number, for departed; the remote unit by default. */
      readonly departingUnit?: number;
    }
  | {
      readonly kind: 'action';
      readonly name: string;
      readonly params: Readonly<Record<string, unknown>>;
    };

type RelationOf = AnyRelation;

function unitEvent(hook: UnitHookName): () => StateEvent {
  return () => ({ kind: 'unit', hook });
}

/** `ctx.on`: the event factories. */
export const EVENTS = {
  install: unitEvent('install'),
  start: unitEvent('start'),
  stop: unitEvent('stop'),
  remove: unitEvent('remove'),
  configChanged: unitEvent('config-changed'),
  leaderElected: unitEvent('leader-elected'),
  leaderSettingsChanged: unitEvent('leader-settings-changed'),
  updateStatus: unitEvent('update-status'),
  upgradeCharm: unitEvent('upgrade-charm'),
  relationCreated: (relation: RelationOf): StateEvent => ({
    kind: 'relation',
    hook: 'relation-created',
    relation,
  }),
  relationJoined: (relation: RelationOf, options: { remoteUnit?: number } = {}): StateEvent => ({
    kind: 'relation',
    hook: 'relation-joined',
    relation,
    ...options,
  }),
  /** A unit's bag changed (`remoteUnit`), or without it the remote application's bag. */
  relationChanged: (relation: RelationOf, options: { remoteUnit?: number } = {}): StateEvent => ({
    kind: 'relation',
    hook: 'relation-changed',
    relation,
    ...options,
  }),
  relationDeparted: (
    relation: RelationOf,
    options: { remoteUnit?: number; departingUnit?: number } = {},
  ): StateEvent => ({ kind: 'relation', hook: 'relation-departed', relation, ...options }),
  relationBroken: (relation: RelationOf): StateEvent => ({
    kind: 'relation',
    hook: 'relation-broken',
    relation,
  }),
  action: (name: string, params: Readonly<Record<string, unknown>> = {}): StateEvent => ({
    kind: 'action',
    name,
    params,
  }),
} as const;
