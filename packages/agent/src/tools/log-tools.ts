/** juju-log (spec §7.8). */
import { usageError } from '@loom/core';
import type { LogLevel } from '@loom/core';
import { LOG_LEVELS } from '@loom/protocol';

import type { Tool } from './tool.js';

export const jujuLog: Tool = {
  name: 'juju-log',
  usage: 'juju-log [options] <message>',
  summary: 'Write a message to the juju log.',
  flags: [
    { name: 'debug', kind: 'boolean' },
    { name: 'log-level', short: ['l'], kind: 'value' },
    { name: 'format', kind: 'value' },
  ],
  prints: false,
  async run(flags, { context }) {
    if (flags.positional.length === 0) throw usageError('no message specified');
    const asked = flags.values.get('log-level')?.toUpperCase();
    let level: LogLevel = flags.booleans.has('debug') ? 'DEBUG' : 'INFO';
    if (asked !== undefined) {
      const known = LOG_LEVELS.find((candidate) => candidate === asked);
      // An unknown level is logged as a warning, and the message goes at INFO.
      if (known === undefined)
        await context.hook.log(`Specified log level of "${asked}" is not valid`, 'WARNING');
      else level = known;
    }
    await context.hook.log(flags.positional.join(' '), level);
    return flags.values.has('format')
      ? { stderr: '--format flag deprecated for command "juju-log"' }
      : {};
  },
};
