/**
 * Reading what the hook-recorder charm logged: each unit's hooks in order, with the JUJU_*
 * environment each saw and the remote bags it read, and waiting until the model has settled.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { ApiClient, LogRecordDocument } from '@loom/protocol';

/** One hook a unit ran. */
export interface RecordedHook {
  readonly unit: string;
  readonly hook: string;
  readonly environment: Readonly<Record<string, string>>;
  /** The remote unit's bag, as `relation-get --format=json -` printed it. */
  saw?: Readonly<Record<string, string>>;
}

/** Every hook recorded in the model, in log order. */
export async function recordedHooks(client: ApiClient, model: string): Promise<RecordedHook[]> {
  const { records } = await client.call('debug-log', { model, replay: true });
  return parse(records);
}

function parse(records: readonly LogRecordDocument[]): RecordedHook[] {
  const hooks: RecordedHook[] = [];
  const last = new Map<string, RecordedHook>();
  for (const record of records) {
    const recorded = /^(?:[\w-]+:\d+: )?recorded (\S+) (.*)$/.exec(record.message);
    if (recorded !== null) {
      const environment: Record<string, string> = {};
      for (const pair of (recorded[2] ?? '').split(';')) {
        const equals = pair.indexOf('=');
        if (equals > 0) environment[pair.slice(0, equals)] = pair.slice(equals + 1);
      }
      const hook: RecordedHook = { unit: record.unit, hook: recorded[1] ?? '', environment };
      hooks.push(hook);
      last.set(record.unit, hook);
      continue;
    }
    const saw = /^(?:[\w-]+:\d+: )?saw (\S+) (.*)$/.exec(record.message);
    const hook = last.get(record.unit);
    if (saw !== null && hook !== undefined)
      hook.saw = JSON.parse(saw[2] ?? '{}') as Record<string, string>;
  }
  return hooks;
}

/** One unit's hooks as `name (remote)` strings, the spec's notation (§9.0). */
export function sequenceOf(hooks: readonly RecordedHook[], unit: string): string[] {
  return hooks
    .filter((hook) => hook.unit === unit)
    .map((hook) => {
      const {
        JUJU_REMOTE_UNIT: remote,
        JUJU_REMOTE_APP: app,
        JUJU_RELATION: relation,
      } = hook.environment;
      if (relation === undefined) return hook.hook;
      return remote === undefined || remote === ''
        ? `${hook.hook} (app ${app ?? ''})`
        : `${hook.hook} (${remote})`;
    });
}

/**
 * Waits until every unit is idle and no hook has been recorded for `quietMs`, and `ready` holds.
 *
 * @throws Error after `timeoutMs`, with what was recorded.
 */
export async function settled(
  client: ApiClient,
  model: string,
  ready: (hooks: readonly RecordedHook[]) => boolean = () => true,
  { quietMs = 1_500, timeoutMs = 60_000 } = {},
): Promise<RecordedHook[]> {
  const deadline = Date.now() + timeoutMs;
  let count = -1;
  let quietSince = Date.now();
  for (;;) {
    const hooks = await recordedHooks(client, model);
    const status = await client.call('status', { model });
    const idle = status.units.every((unit) => unit.agentStatus.current !== 'allocating');
    if (hooks.length !== count) {
      count = hooks.length;
      quietSince = Date.now();
    } else if (idle && ready(hooks) && Date.now() - quietSince >= quietMs) return hooks;
    if (Date.now() > deadline)
      throw new Error(
        `the model did not settle within ${timeoutMs} ms; recorded:\n${hooks.map((hook) => `${hook.unit} ${hook.hook}`).join('\n')}`,
      );
    await sleep(100);
  }
}
