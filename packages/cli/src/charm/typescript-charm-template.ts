/**
 * The files `loom charm init` writes: a TypeScript charm that builds, tests, packs and deploys
 * as it stands. The charm class lives in src/charm.ts with no side effects, so its test can
 * import it; src/main.ts, the bundle's entry point, runs it for the hook Juju names.
 */
import { LOOM_VERSION } from '../version.js';
import { DISPATCH_SCRIPT } from './dispatch-script.js';

/** One file of the new charm, relative to its directory. */
export interface TemplateFile {
  readonly path: string;
  readonly text: string;
  readonly mode: number;
}

/** `my-charm` → `MyCharmCharm`: the class name (also the handle path of its stored state). */
export function charmClassName(charmName: string): string {
  const words = charmName.split('-').map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  return `${words.join('')}Charm`;
}

/** The files of a new TypeScript charm called `name` (a valid charm name). */
export function typescriptCharmTemplate(name: string): readonly TemplateFile[] {
  const className = charmClassName(name);
  const file = (path: string, text: string, mode = 0o644): TemplateFile => ({ path, text, mode });
  return [
    file('metadata.yaml', metadataYaml(name)),
    file('config.yaml', CONFIG_YAML),
    file('actions.yaml', ACTIONS_YAML),
    file('src/charm.ts', charmSource(className)),
    file('src/main.ts', mainSource(className)),
    file('src/charm.test.ts', testSource(name, className)),
    file('dispatch', DISPATCH_SCRIPT, 0o755),
    file('package.json', packageJson(name)),
    file('tsconfig.json', TSCONFIG_JSON),
    file('.gitignore', GITIGNORE),
    file('README.md', readme(name)),
  ];
}

function metadataYaml(name: string): string {
  return `name: ${name}
summary: A TypeScript charm written with @loom/ops.
description: |
  Say here what ${name} runs and how to relate it to other applications.
peers:
  replicas:
    interface: ${name}-replicas
`;
}

const CONFIG_YAML = `options:
  greeting:
    type: string
    default: hello
    description: What the units show as their status, and the leader shares with its peers.
`;

const ACTIONS_YAML = `greet:
  description: Answers with the greeting, addressed to whom you name.
  params:
    name:
      type: string
      description: Who to greet.
  required: [name]
`;

function charmSource(className: string): string {
  return `/**
 * The charm: each hook Juju (or Loom) runs becomes an event, and the handlers observe the ones
 * this charm cares about. Loom's docs/ops-guide.md walks through the whole API.
 */
import { ActiveStatus, CharmBase, StoredState } from '@loom/ops';
import type { ActionEvent, CollectStatusEvent, Framework } from '@loom/ops';

export class ${className} extends CharmBase {
  /** Kept between hooks: the greeting the leader last shared. */
  private readonly stored = new StoredState(this, 'stored', { shared: '' });

  constructor(framework: Framework) {
    super(framework);
    framework.observe(this.on.configChanged, this.onConfigChanged);
    framework.observe(this.on.action('greet'), this.onGreet);
    framework.observe(this.on.collectUnitStatus, this.onCollectUnitStatus);
  }

  /** The leader shares the greeting with its peers in the application bag. */
  private readonly onConfigChanged = async (): Promise<void> => {
    const greeting = (await this.model.config()).string('greeting') ?? '';
    if (!(await this.unit.isLeader()) || greeting === this.stored.data.shared) return;
    const replicas = await this.model.getRelation('replicas');
    if (replicas === undefined) return;
    await replicas.data.app(this.app.name).set('greeting', greeting);
    this.stored.data.shared = greeting;
  };

  private readonly onGreet = async (event: ActionEvent): Promise<void> => {
    const greeting = (await this.model.config()).string('greeting') ?? '';
    await event.setResults({ message: \`\${greeting}, \${String(event.params.name)}\` });
  };

  private readonly onCollectUnitStatus = async (event: CollectStatusEvent): Promise<void> => {
    const greeting = (await this.model.config()).string('greeting') ?? '';
    event.addStatus(new ActiveStatus(greeting));
  };
}
`;
}

function mainSource(className: string): string {
  return `/**
 * The bundle's entry point (\`loom charm build\` makes dist/charm.mjs from it): runs the charm
 * for the hook Juju names in JUJU_DISPATCH_PATH.
 */
import { main } from '@loom/ops';

import { ${className} } from './charm.js';

await main(${className});
`;
}

function testSource(name: string, className: string): string {
  return `/**
 * The charm's tests, on @loom/testing: the Harness runs the charm's unit in Loom's engine, so each
 * call gets exactly the hooks Juju would run. Run with \`npm test\`.
 */
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

import { Harness } from '@loom/testing';

import { ${className} } from './charm.js';

/** The charm's directory (the tests run from build/tests/): its metadata is read from there. */
const charm = { directory: fileURLToPath(new URL('../../', import.meta.url)) };

describe('${name}', () => {
  it('shows the configured greeting as its status', async () => {
    const harness = Harness.create(${className}, { charm, leader: true });
    await harness.beginWithInitialHooks();
    await harness.updateConfig({ greeting: 'hi' });
    assert.deepEqual(harness.status(), { current: 'active', message: 'hi' });
  });

  it('shares the greeting with its peers when it leads', async () => {
    const harness = Harness.create(${className}, { charm, leader: true });
    await harness.beginWithInitialHooks();
    await harness.updateConfig({ greeting: 'hi' });
    const replicas = harness.relationId('replicas');
    assert.equal(harness.getRelationData(replicas, '${name}').greeting, 'hi');
  });

  it('answers the greet action', async () => {
    const harness = Harness.create(${className}, { charm, leader: true });
    await harness.beginWithInitialHooks();
    const output = await harness.runAction('greet', { name: 'world' });
    assert.deepEqual(output.results, { message: 'hello, world' });
  });
});
`;
}

function packageJson(name: string): string {
  const manifest = {
    name,
    version: '0.1.0',
    private: true,
    description: `The ${name} charm, written in TypeScript with @loom/ops.`,
    type: 'module',
    scripts: {
      build: 'loom charm build .',
      test: 'loom charm build --tests . && node --test build/tests/',
      pack: 'loom charm pack .',
    },
    loom: { version: LOOM_VERSION },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const TSCONFIG_JSON = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    },
    include: ['src'],
  },
  null,
  2,
)}\n`;

const GITIGNORE = `dist/
build/
*.charm
.loom-metadata.json
.loom-unit-state.json
`;

function readme(name: string): string {
  return `# ${name}

A TypeScript charm written with \`@loom/ops\`.

- \`loom charm build .\` bundles src/main.ts into dist/charm.mjs, which \`dispatch\` runs with \`node\`.
- \`npm test\` builds the tests in src/*.test.ts and runs them with Node's test runner.
- \`loom charm pack .\` writes ${name}_ubuntu-22.04-amd64.charm for \`loom deploy\` (or Juju, where
  \`node\` is installed on the machine).
- \`loom deploy .\` deploys the built directory as it is.
`;
}
