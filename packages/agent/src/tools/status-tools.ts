/** status-set, status-get (R7.17, R7.18) and application-version-set (R7.22). */
import { applicationStatusAnswer, HookToolError, unitStatusAnswer, usageError } from '@loom/core';

import { noExtraArgs } from './arguments.js';
import type { Tool } from './tool.js';

export const statusSet: Tool = {
  name: 'status-set',
  usage: 'status-set [options] <maintenance | blocked | waiting | active> [message]',
  summary: 'Set status information.',
  flags: [{ name: 'application', kind: 'boolean' }],
  prints: false,
  async run(flags, { context }) {
    const [status, message = ''] = flags.positional;
    if (status === undefined) throw usageError('invalid args, require <status> [message]');
    noExtraArgs(flags.positional, 2);
    await context.hook.statusSet(status, message, {
      application: flags.booleans.has('application'),
    });
    return {};
  },
};

/** A status as `status-get` prints it in a map. */
export const statusGet: Tool = {
  name: 'status-get',
  usage: 'status-get [options] [--include-data] [--application]',
  summary: 'Print status information.',
  flags: [
    { name: 'include-data', kind: 'boolean' },
    { name: 'application', kind: 'boolean' },
  ],
  prints: true,
  run(flags, { context }) {
    noExtraArgs(flags.positional, 0);
    const includeData = flags.booleans.has('include-data');
    const state = context.model();
    if (flags.booleans.has('application')) {
      if (!context.hook.isLeader())
        throw new HookToolError(
          'not-leader',
          'finding application status: this unit is not the leader',
          1,
        );
      return { value: applicationStatusAnswer(state, context.unit) };
    }
    const status = unitStatusAnswer(state, context.unit);
    // Without --include-data, smart output is the status word alone.
    const smart = (flags.values.get('format') ?? 'smart') === 'smart';
    return { value: !includeData && smart ? (status.status ?? '') : status };
  },
};

export const applicationVersionSet: Tool = {
  name: 'application-version-set',
  usage: 'application-version-set <new-version>',
  summary: 'Specify which version of the application is deployed.',
  flags: [],
  prints: false,
  async run(flags, { context }) {
    const [version] = flags.positional;
    if (version === undefined) throw usageError('no version specified');
    noExtraArgs(flags.positional, 1);
    await context.hook.applicationVersionSet(version);
    return {};
  },
};
