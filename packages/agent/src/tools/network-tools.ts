/**
 * unit-get and network-get (R7.19, R7.20). Every unit of a Loom machine has the machine's
 * loopback address (127.x.y.z) as private, public, bind and ingress address.
 */
import { egressSubnets, networkAnswer, usageError } from '@loom/core';

import { noExtraArgs, RELATION_FLAG, relationIdOf } from './arguments.js';
import type { ToolValue } from './output.js';
import type { Tool } from './tool.js';

export const unitGet: Tool = {
  name: 'unit-get',
  usage: 'unit-get [options] <setting>',
  summary: 'Print public-address or private-address.',
  flags: [],
  prints: true,
  run(flags, { context }) {
    const [setting] = flags.positional;
    if (setting === undefined) throw usageError('no setting specified');
    noExtraArgs(flags.positional, 1);
    if (setting !== 'private-address' && setting !== 'public-address')
      throw usageError(`unknown setting "${setting}"`);
    return { value: context.address };
  },
};

const ADDRESS_FLAGS = ['bind-address', 'ingress-address', 'egress-subnets'] as const;

/** The endpoints and extra bindings of the unit's charm: what network-get may name. */
export const networkGet: Tool = {
  name: 'network-get',
  usage:
    'network-get [options] <binding-name> [--ingress-address] [--bind-address] [--egress-subnets]',
  summary: 'Get network config.',
  flags: [
    RELATION_FLAG,
    ...ADDRESS_FLAGS.map((name) => ({ name, kind: 'boolean' as const })),
    { name: 'primary-address', kind: 'boolean' },
  ],
  prints: true,
  run(flags, { context }) {
    const [binding] = flags.positional;
    if (binding === undefined) throw usageError('no arguments specified');
    noExtraArgs(flags.positional, 1);
    const relationId = relationIdOf(flags, context);
    const address = context.address;
    const answer = networkAnswer(context.model(), context.unit, binding, address, relationId);
    const values: Record<(typeof ADDRESS_FLAGS)[number], ToolValue> = {
      'bind-address': address,
      'ingress-address': address,
      'egress-subnets': egressSubnets(context.model(), address, relationId),
    };
    if (flags.booleans.has('primary-address')) return { value: address };
    const asked = ADDRESS_FLAGS.filter((name) => flags.booleans.has(name));
    if (asked.length === 1) return { value: values[asked[0] ?? 'bind-address'] };
    if (asked.length > 1)
      return { value: Object.fromEntries(asked.map((name) => [name, values[name]])) };
    return { value: answer };
  },
};
