/**
 * Reading bundles: Juju's format with local charms, and every problem at its line.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { formatProblem } from '../charm/problem.js';
import { readBundle } from './read-bundle.js';

/** The problems of a bundle as `line: [code] message` strings. */
function problemsOf(text: string): string[] {
  return readBundle('bundle.yaml', text).problems.map(
    (problem) => `${problem.line}: ${problem.severity} [${problem.code}] ${problem.message}`,
  );
}

const THREE_APPLICATIONS = `description: three applications
applications:
  db:
    charm: ./charms/db
    num_units: 2
    options:
      port: 5433
      debug: true
    to: ["0", new]
  app:
    charm: ../app
    scale: 1
    to: db/1
  logger:
    charm: /srv/charms/logger
machines:
  "0": {}
relations:
  - [app:database, db:database]
  - - logger
    - app
`;

describe('readBundle', () => {
  it('reads applications, machines and relations with where each was written', () => {
    const { bundle, problems } = readBundle('bundle.yaml', THREE_APPLICATIONS);
    assert.deepEqual(problems, []);
    assert.ok(bundle);
    assert.deepEqual(
      bundle.applications.map(({ name, charm, numUnits, options, to }) => ({
        name,
        charm,
        numUnits,
        options,
        to,
      })),
      [
        {
          name: 'db',
          charm: './charms/db',
          numUnits: 2,
          options: { port: 5433, debug: true },
          to: ['0', 'new'],
        },
        { name: 'app', charm: '../app', numUnits: 1, options: {}, to: ['db/1'] },
        { name: 'logger', charm: '/srv/charms/logger', numUnits: 0, options: {}, to: [] },
      ],
    );
    assert.deepEqual(bundle.applications[0]?.at.charm, { file: 'bundle.yaml', line: 4, column: 5 });
    assert.equal(bundle.applications[1]?.at.to.line, 13);
    assert.deepEqual(
      bundle.machines.map((machine) => [machine.id, machine.at.line]),
      [['0', 17]],
    );
    assert.deepEqual(
      bundle.relations.map((relation) => [relation.endpoints, relation.at.line]),
      [
        [['app:database', 'db:database'], 19],
        [['logger', 'app'], 20],
      ],
    );
  });

  it('takes "services" as the old name of "applications"', () => {
    const { bundle } = readBundle(
      'b.yaml',
      'services:\n  db:\n    charm: ./db\n    num_units: 1\n',
    );
    assert.deepEqual(
      bundle?.applications.map((app) => app.name),
      ['db'],
    );
  });

  it('reports a YAML syntax error with its line and reads nothing', () => {
    const result = readBundle('bundle.yaml', 'applications:\n  db:\n    charm: [./db\n');
    assert.equal(result.bundle, undefined);
    assert.equal(result.problems[0]?.code, 'yaml-syntax');
    assert.match(formatProblem(result.problems[0]), /^bundle\.yaml:\d+:\d+: error \[yaml-syntax\]/);
  });

  it('reports every problem of a malformed bundle, each at its line', () => {
    const text = `applications:
  db:
    charm: postgresql
    num_units: two
    colour: blue
  Web_App:
    charm: ./web
  app:
    charm: ./app
    num_units: 1
    to: ["3", "lxd:0", "ghost/0", "db/5"]
  sub:
    num_units: 1
machines:
  "0":
  x1: {}
relations:
  - [app, nowhere:db]
  - [app]
  - [app:db, db]
  - [db, app:db]
frobnicate: true
`;
    assert.deepEqual(problemsOf(text), [
      '3: error [not-local-charm] charm "postgresql" of application "db" is not a local path: Loom deploys local charms only',
      '4: error [schema] bundle: applications.db.num_units: expected int, got string("two")',
      '5: error [unknown-key] applications.db: unknown key "colour"',
      '6: error [bad-application-name] invalid application name "Web_App"',
      '11: error [too-many-placements] too many units specified in unit placement for application "app": 4 directives for 1 unit',
      '11: error [bad-placement] placement "3" refers to a machine not defined in this bundle',
      '11: error [bad-placement] placement "lxd:0": containers are not modelled by Loom',
      '11: error [bad-placement] placement "ghost/0" refers to an application not defined in this bundle',
      '11: error [bad-placement] placement "db/5" specifies a unit greater than the 0 unit(s) started by the target application',
      '12: error [schema] application "sub" has no charm',
      '15: error [unused-machine] machine "0" is not referred to by a placement directive',
      '16: error [bad-machine-id] invalid machine id "x1" found in machines',
      '18: error [bad-relation] relation ["app" "nowhere:db"] refers to application "nowhere" not defined in this bundle',
      '19: error [bad-relation] relations[1]: expected a pair of endpoints, got list',
      '21: error [duplicate-relation] relation ["db" "app:db"] is defined more than once',
      '22: error [unknown-key] bundle: unknown key "frobnicate"',
    ]);
  });

  it('warns about keys Loom does not model and still reads the bundle', () => {
    const result = readBundle(
      'bundle.yaml',
      'applications:\n  db:\n    charm: ./db\n    constraints: mem=4G\n    expose: true\n',
    );
    assert.ok(result.bundle);
    assert.deepEqual(
      result.problems.map((problem) => [problem.line, problem.severity, problem.code]),
      [
        [4, 'warning', 'ignored-key'],
        [5, 'warning', 'ignored-key'],
      ],
    );
  });

  it('refuses a bundle with no applications, and saas for now', () => {
    assert.deepEqual(problemsOf('description: empty\n'), [
      '1: error [no-applications] bundle has no applications',
    ]);
    assert.deepEqual(
      problemsOf(
        'saas:\n  db:\n    url: admin/other.db\napplications:\n  app:\n    charm: ./app\n',
      ),
      ['1: error [not-supported] saas (offers of other models) is not supported in bundles yet'],
    );
  });

  it('refuses a bundle that is not a map', () => {
    assert.deepEqual(problemsOf('- db\n'), ['1: error [schema] bundle: expected map, got list']);
  });

  it('refuses options without a scalar value', () => {
    assert.deepEqual(
      problemsOf('applications:\n  db:\n    charm: ./db\n    options:\n      port:\n'),
      [
        '5: error [bad-option] applications.db.options.port: expected a string, number or boolean, got nothing',
      ],
    );
  });
});
