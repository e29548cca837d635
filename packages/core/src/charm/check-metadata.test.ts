/**
 * One test per validation rule of spec §1 (R1.4–R1.7, §11.4), each asserting Juju's exact message
 * and the line and column the problem is reported at.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { loadCharm } from './load-charm.js';
import type { CharmProblem, CharmProblemCode } from './problem.js';

/** Metadata with the three required fields, then `rest` starting on line 4. */
function metadata(rest: string): string {
  return `name: web\nsummary: A web app\ndescription: Serves pages\n${rest}`;
}

function problemsOf(text: string, code: CharmProblemCode): CharmProblem[] {
  return loadCharm({ 'metadata.yaml': text }).problems.filter((problem) => problem.code === code);
}

function onlyProblem(text: string, code: CharmProblemCode): CharmProblem {
  const found = problemsOf(text, code);
  assert.equal(found.length, 1, `expected one ${code} problem, got ${JSON.stringify(found)}`);
  return found[0]!;
}

function assertValid(text: string): void {
  const result = loadCharm({ 'metadata.yaml': text });
  assert.ok(result.ok, JSON.stringify(result.problems));
}

describe('R1.4 reserved endpoint names', () => {
  it('refuses an endpoint named juju-* with Juju message, at the endpoint name', () => {
    const problem = onlyProblem(
      metadata('provides:\n  juju-db: mysql\n'),
      'reserved-relation-name',
    );
    assert.equal(problem.message, 'charm "web" using a reserved relation name: "juju-db"');
    assert.deepEqual([problem.file, problem.line, problem.column], ['metadata.yaml', 5, 3]);
    assert.equal(problem.severity, 'error');
  });

  it('refuses an endpoint named exactly juju', () => {
    const problem = onlyProblem(metadata('requires:\n  juju: mysql\n'), 'reserved-relation-name');
    assert.equal(problem.message, 'charm "web" using a reserved relation name: "juju"');
  });

  it('accepts names that merely start with "juju" without the dash', () => {
    assertValid(metadata('provides:\n  jujube: fruit\n'));
  });

  it('allows a reserved name on a container-scoped requires of a subordinate', () => {
    assertValid(
      metadata(
        'subordinate: true\nrequires:\n  juju-info:\n    interface: juju-info\n    scope: container\n',
      ),
    );
  });

  it('refuses a reserved name on a global requires of a subordinate', () => {
    const text = metadata(
      'subordinate: true\nrequires:\n  juju-info: juju-info\n  host:\n    interface: juju-info\n    scope: container\n',
    );
    const problem = onlyProblem(text, 'reserved-relation-name');
    assert.deepEqual([problem.line, problem.column], [6, 3]);
  });

  it('refuses a reserved name on a container-scoped requires of a principal', () => {
    const text = metadata(
      'requires:\n  juju-info:\n    interface: juju-info\n    scope: container\n',
    );
    assert.equal(onlyProblem(text, 'reserved-relation-name').line, 5);
  });

  it('reserves nothing for a charm whose own name starts with juju-', () => {
    assertValid(
      'name: juju-tools\nsummary: s\ndescription: d\nprovides:\n  juju-api:\n    interface: juju-api\n',
    );
  });
});

describe('R1.4 reserved interfaces', () => {
  it('refuses a provided juju-* interface, at the interface value', () => {
    const problem = onlyProblem(metadata('provides:\n  info: juju-info\n'), 'reserved-interface');
    assert.equal(
      problem.message,
      'charm "web" relation "info" using a reserved interface: "juju-info"',
    );
    assert.deepEqual([problem.line, problem.column], [5, 9]);
  });

  it('refuses a peer interface named juju, at the interface field', () => {
    const problem = onlyProblem(
      metadata('peers:\n  cluster:\n    interface: juju\n'),
      'reserved-interface',
    );
    assert.equal(
      problem.message,
      'charm "web" relation "cluster" using a reserved interface: "juju"',
    );
    assert.deepEqual([problem.line, problem.column], [6, 16]);
  });

  it('lets a requires endpoint use the juju-info interface (that is how charms require it)', () => {
    assertValid(metadata('requires:\n  host: juju-info\n'));
  });
});

describe('R1.5 duplicated endpoint names', () => {
  it('refuses a name used under provides and requires, at the second occurrence', () => {
    const problem = onlyProblem(
      metadata('provides:\n  db: mysql\nrequires:\n  db: pgsql\n'),
      'duplicate-relation-name',
    );
    assert.equal(problem.message, 'charm "web" using a duplicated relation name: "db"');
    assert.deepEqual([problem.line, problem.column], [7, 3]);
  });

  it('refuses a peer endpoint that repeats a provides name', () => {
    const found = problemsOf(
      metadata('provides:\n  cluster: http\npeers:\n  cluster: web-peers\n'),
      'duplicate-relation-name',
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.line, 7);
  });
});

describe('R1.6 subordinates', () => {
  it('refuses a subordinate without a container-scoped requires, at the subordinate key', () => {
    const problem = onlyProblem(
      metadata('subordinate: true\nrequires:\n  host: juju-info\n'),
      'subordinate-without-container-requires',
    );
    assert.equal(
      problem.message,
      'subordinate charm "web" lacks "requires" relation with container scope',
    );
    assert.deepEqual([problem.line, problem.column], [4, 1]);
  });

  it('does not count a container-scoped provides', () => {
    const text = metadata(
      'subordinate: true\nprovides:\n  logs:\n    interface: logging\n    scope: container\n',
    );
    assert.equal(problemsOf(text, 'subordinate-without-container-requires').length, 1);
  });

  it('reads subordinate: yes as true (YAML 1.1, as Juju)', () => {
    const problem = onlyProblem(
      metadata('subordinate: yes\n'),
      'subordinate-without-container-requires',
    );
    assert.equal(problem.line, 4);
  });
});

describe('R1.2/R1.3 endpoint schema', () => {
  it('refuses a scope other than global or container, at the scope value', () => {
    const problem = onlyProblem(
      metadata('provides:\n  db:\n    interface: mysql\n    scope: machine\n'),
      'bad-scope',
    );
    assert.equal(problem.message, 'metadata: provides.db.scope: unexpected value "machine"');
    assert.deepEqual([problem.line, problem.column], [7, 12]);
  });

  it('refuses an endpoint map without interface, at the endpoint name', () => {
    const problem = onlyProblem(metadata('requires:\n  db:\n    limit: 1\n'), 'missing-interface');
    assert.equal(problem.message, 'metadata: requires.db.interface: expected string, got nothing');
    assert.deepEqual([problem.line, problem.column], [5, 3]);
  });

  it('refuses a limit that is not a whole number, with juju/schema wording', () => {
    const found = problemsOf(
      metadata('requires:\n  db:\n    interface: mysql\n    limit: one\n'),
      'schema',
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.message, 'metadata: requires.db.limit: expected int, got string("one")');
    assert.deepEqual([found[0]!.line, found[0]!.column], [7, 12]);
  });

  it('reads the shorthand form as interface with default limit, optional and scope', () => {
    const result = loadCharm({ 'metadata.yaml': metadata('provides:\n  website: http\n') });
    assert.ok(result.ok);
    assert.deepEqual(result.metadata.endpoints, [
      {
        name: 'website',
        role: 'provider',
        interface: 'http',
        limit: 0,
        optional: false,
        scope: 'global',
      },
    ]);
  });

  it('stores a null limit as 0 (unlimited) and keeps the description', () => {
    const result = loadCharm({
      'metadata.yaml': metadata(
        'requires:\n  db:\n    interface: mysql\n    limit:\n    optional: true\n    description: the database\n',
      ),
    });
    assert.ok(result.ok);
    assert.deepEqual(result.metadata.endpoints[0], {
      name: 'db',
      role: 'requirer',
      interface: 'mysql',
      limit: 0,
      optional: true,
      scope: 'global',
      description: 'the database',
    });
  });
});

describe('spec §11.4 checks Loom adds', () => {
  it('refuses an endpoint name the CLI could never address, at the name', () => {
    const problem = onlyProblem(metadata('provides:\n  Web_Site: http\n'), 'bad-endpoint-name');
    assert.equal(problem.message, 'charm "web" using an invalid relation name: "Web_Site"');
    assert.deepEqual([problem.line, problem.column], [5, 3]);
  });

  it('refuses endpoint names with a trailing or doubled separator', () => {
    assert.equal(problemsOf(metadata('provides:\n  site-: http\n'), 'bad-endpoint-name').length, 1);
    assert.equal(problemsOf(metadata('provides:\n  a--b: http\n'), 'bad-endpoint-name').length, 1);
    assert.equal(problemsOf(metadata('provides:\n  2fa: http\n'), 'bad-endpoint-name').length, 1);
  });

  it('accepts underscores between words, as real charms use them', () => {
    assertValid(metadata('peers:\n  dashboard_peers: dashboard_peers\n'));
  });

  it('refuses a negative limit, at the limit value', () => {
    const problem = onlyProblem(
      metadata('requires:\n  db:\n    interface: mysql\n    limit: -1\n'),
      'negative-limit',
    );
    assert.equal(problem.message, 'charm "web" relation "db" has a negative limit: -1');
    assert.deepEqual([problem.line, problem.column], [7, 12]);
  });

  it('warns, without failing, about interface names outside lowercase letters and "-"', () => {
    const result = loadCharm({ 'metadata.yaml': metadata('provides:\n  db: postgresql_client\n') });
    assert.ok(result.ok);
    const [warning] = result.problems;
    assert.equal(warning?.code, 'interface-name-style');
    assert.equal(warning.severity, 'warning');
    assert.deepEqual([warning.line, warning.column], [5, 7]);
  });
});

describe('YAML problems', () => {
  it('refuses duplicate keys, naming the line of the first one, at the second', () => {
    const problem = onlyProblem(
      metadata('provides:\n  db: mysql\nprovides:\n  web: http\n'),
      'duplicate-yaml-key',
    );
    assert.equal(problem.message, 'mapping key "provides" already defined at line 4');
    assert.deepEqual([problem.line, problem.column], [6, 1]);
  });

  it('refuses duplicate keys inside an endpoint map', () => {
    const problem = onlyProblem(
      metadata('requires:\n  db:\n    interface: mysql\n    interface: pgsql\n'),
      'duplicate-yaml-key',
    );
    assert.equal(problem.message, 'mapping key "interface" already defined at line 6');
    assert.deepEqual([problem.line, problem.column], [7, 5]);
  });

  it('reports tab indentation at the tab', () => {
    const problem = onlyProblem(metadata('provides:\n\tdb: mysql\n'), 'yaml-syntax');
    assert.equal(
      problem.message,
      'cannot parse metadata.yaml: Tabs are not allowed as indentation',
    );
    assert.deepEqual([problem.line, problem.column], [5, 1]);
  });

  it('reports a mapping nested on one line at the nested key', () => {
    const problem = onlyProblem(metadata('provides: db: mysql\n'), 'yaml-syntax');
    assert.equal(
      problem.message,
      'cannot parse metadata.yaml: Nested mappings are not allowed in compact mappings',
    );
    assert.deepEqual([problem.line, problem.column], [4, 11]);
  });
});

describe('every problem carries a fix', () => {
  it('gives a non-empty one-line fix for each problem found', () => {
    const text = metadata(
      'subordinate: true\nprovides:\n  juju-x: juju-y\n  Bad: http\nrequires:\n  juju-x:\n    limit: -2\n',
    );
    const result = loadCharm({ 'metadata.yaml': text });
    assert.equal(result.ok, false);
    assert.ok(result.problems.length >= 4);
    for (const problem of result.problems) {
      assert.ok(problem.fix.length > 0 && !problem.fix.includes('\n'), JSON.stringify(problem));
    }
  });
});
