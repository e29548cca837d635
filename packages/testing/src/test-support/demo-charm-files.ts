/**
 * The metadata of the `demo` charm the kit's own tests run: it requires `db` (pgsql), has the
 * peer endpoint `replicas`, a `greeting` option and a `greet` action taking `name`.
 */

/** `required` says whether greet's `name` parameter must be given. */
export function demoCharmFiles(required: boolean) {
  return {
    metadata: [
      'name: demo',
      'summary: s',
      'description: d',
      'requires:',
      '  db:',
      '    interface: pgsql',
      'peers:',
      '  replicas:',
      '    interface: demo-replicas',
      '',
    ].join('\n'),
    config: 'options:\n  greeting:\n    type: string\n    default: hello\n',
    actions: `greet:\n  params:\n    name:\n      type: string\n${required ? '  required: [name]\n' : ''}`,
  };
}
