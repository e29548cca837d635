/**
 * Hooks as JSON, for the uniter state an agent commits and the hook it names. Absent values are
 * `null`, so every hook document has every field.
 */
import { RELATION_HOOK_KINDS } from '@loom/core';
import type { Hook } from '@loom/core';
import { z } from 'zod';

import { relationId, unitName } from '../schemas/names.js';

const UNIT_HOOK_KINDS = [
  'install',
  'start',
  'config-changed',
  'leader-elected',
  'leader-settings-changed',
  'stop',
  'remove',
] as const;

export const hookDocument = z.strictObject({
  kind: z.enum([...UNIT_HOOK_KINDS, ...RELATION_HOOK_KINDS]),
  name: z.string().min(1),
  relation: z
    .strictObject({ id: relationId, endpoint: z.string(), remoteApplication: z.string() })
    .nullable(),
  remoteUnit: z.union([unitName, z.literal('')]).nullable(),
  departingUnit: unitName.nullable(),
  version: z.number().int().nullable(),
});

/** A hook as JSON. */
export type HookDocument = z.infer<typeof hookDocument>;

/** A hook as JSON. */
export function encodeHook(hook: Hook): HookDocument {
  return {
    kind: hook.kind,
    name: hook.name,
    relation: hook.relation ?? null,
    remoteUnit: hook.remoteUnit ?? null,
    departingUnit: hook.departingUnit ?? null,
    version: hook.version ?? null,
  };
}

/** A hook from JSON. */
export function decodeHook(document: HookDocument): Hook {
  return {
    kind: document.kind,
    name: document.name,
    relation: document.relation ?? undefined,
    remoteUnit: document.remoteUnit ?? undefined,
    departingUnit: document.departingUnit ?? undefined,
    version: document.version ?? undefined,
  };
}
