/** relation-get, relation-set, relation-ids and relation-list (R7.6–R7.13). */
import { noExtraArgs, RELATION_FLAG, relationIdOf, settingsArguments } from './arguments.js';
import { mapValue } from './output.js';
import type { Tool } from './tool.js';

const APP_FLAG = { name: 'app', kind: 'boolean' } as const;

export const relationGet: Tool = {
  name: 'relation-get',
  usage: 'relation-get [options] <key> <unit id>',
  summary: 'Get relation settings.',
  flags: [RELATION_FLAG, APP_FLAG],
  prints: true,
  run(flags, { context }) {
    noExtraArgs(flags.positional, 2);
    const [key, target] = flags.positional;
    const relationId = relationIdOf(flags, context);
    const options = {
      ...(relationId === undefined ? {} : { relationId }),
      ...(target === undefined ? {} : { target }),
      app: flags.booleans.has('app'),
    };
    if (key === undefined || key === '-')
      return { value: mapValue(context.hook.relationGet(options)) };
    return { value: context.hook.relationGet({ ...options, key }) };
  },
};

export const relationSet: Tool = {
  name: 'relation-set',
  usage: 'relation-set [options] key=value [key=value ...]',
  summary: 'Set relation settings.',
  flags: [
    RELATION_FLAG,
    APP_FLAG,
    { name: 'file', kind: 'value' },
    { name: 'format', kind: 'value' },
  ],
  prints: false,
  async run(flags, call) {
    const { context } = call;
    const relationId = relationIdOf(flags, context);
    const settings = await settingsArguments(flags, call);
    if (settings.size > 0)
      context.hook.relationSet(settings, {
        ...(relationId === undefined ? {} : { relationId }),
        app: flags.booleans.has('app'),
      });
    return flags.values.has('format')
      ? { stderr: '--format flag deprecated for command "relation-set"' }
      : {};
  },
};

export const relationIds: Tool = {
  name: 'relation-ids',
  usage: 'relation-ids [options] <name>',
  summary: 'List all relation ids for the given endpoint.',
  flags: [],
  prints: true,
  run(flags, { context }) {
    noExtraArgs(flags.positional, 1);
    return { value: context.hook.relationIds(flags.positional[0]) };
  },
};

export const relationList: Tool = {
  name: 'relation-list',
  usage: 'relation-list [options]',
  summary: 'List relation units.',
  flags: [RELATION_FLAG, APP_FLAG],
  prints: true,
  run(flags, { context }) {
    noExtraArgs(flags.positional, 0);
    const relationId = relationIdOf(flags, context);
    return {
      value: flags.booleans.has('app')
        ? context.hook.remoteApplication(relationId)
        : context.hook.relationList(relationId),
    };
  },
};
