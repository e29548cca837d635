/**
 * Deploying a bundle against a model, all or nothing: applications in name order (as Juju's
 * bundle changes), then their units on the machines the placement directives name, then the
 * relations in the order written. Every problem the model raises is collected at its line of
 * the bundle; if there is any, nothing is applied.
 */
import type { CharmMetadata } from '../charm/metadata.js';
import { isError, sortProblems } from '../charm/problem.js';
import type { ModelChange } from '../model/changes.js';
import type { ModelState } from '../model/model-state.js';
import type { Applied } from '../model/refusal.js';
import { addUnit } from '../operations/add-unit.js';
import { deploy } from '../operations/deploy.js';
import { integrate } from '../operations/integrate.js';
import { bundleProblem } from './bundle.js';
import type { BundleApplication, BundleProblem, BundleSpec } from './bundle.js';
import { parsePlacement } from './placement-directive.js';

/** A charm ready for a bundle's application. */
export interface BundleCharm {
  readonly metadata: CharmMetadata;
  /** The URL it is stored under (`local:<name>-<revision>`). */
  readonly charmUrl: string;
}

/** One change a bundle deploy made, in order, as `juju deploy` lists them. */
export type BundleStep =
  | {
      readonly kind: 'deploy';
      readonly application: string;
      readonly charm: string;
      readonly charmUrl: string;
    }
  | { readonly kind: 'add-machine'; readonly machine: string }
  | { readonly kind: 'add-unit'; readonly unit: string; readonly machine: string }
  | { readonly kind: 'add-relation'; readonly relationId: number; readonly key: string };

/** A bundle deploy: the new state and its steps, or every problem found. */
export type BundleDeployResult =
  | Applied<{ readonly steps: readonly BundleStep[]; readonly warnings: readonly BundleProblem[] }>
  | { readonly ok: false; readonly problems: readonly BundleProblem[] };

/**
 * Deploys `bundle` on `state`. `charms` holds each application's charm, by application name.
 *
 * @example
 * const result = deployBundle(state, bundle, charms);
 * if (!result.ok) for (const problem of result.problems) console.log(formatProblem(problem));
 */
export function deployBundle(
  state: ModelState,
  bundle: BundleSpec,
  charms: ReadonlyMap<string, BundleCharm>,
): BundleDeployResult {
  const run = new BundleRun(state, bundle);
  const ordered = [...bundle.applications].sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const application of ordered)
    run.deployApplication(application, charms.get(application.name));
  for (const application of ordered) run.placeUnits(application);
  run.addRelations();
  return run.result();
}

class BundleRun {
  private readonly changes: ModelChange[] = [];
  private readonly steps: BundleStep[] = [];
  private readonly problems: BundleProblem[] = [];
  /** Applications that could not be deployed or placed: their units and relations are skipped. */
  private readonly failed = new Set<string>();
  /** Units added per application, in order. */
  private readonly placed = new Map<string, string[]>();
  private readonly placing = new Set<string>();
  private readonly done = new Set<string>();
  /** The model machine each machine of the bundle became. */
  private readonly machineOf = new Map<string, string>();

  constructor(
    private state: ModelState,
    private readonly bundle: BundleSpec,
  ) {}

  deployApplication(application: BundleApplication, charm: BundleCharm | undefined): void {
    const { name, at } = application;
    if (charm === undefined) throw new Error(`invariant: a charm for application "${name}"`);
    if (this.state.applications.has(name)) {
      this.fail(
        name,
        bundleProblem(
          at.name,
          'application-exists',
          `application "${name}" already exists in the model`,
          `remove it first (loom remove-application ${name}) or rename the application in the bundle`,
        ),
      );
      return;
    }
    if (charm.metadata.subordinate && (application.numUnits > 0 || application.to.length > 0)) {
      this.fail(
        name,
        bundleProblem(
          at.numUnits,
          'subordinate-units',
          `application "${name}" is subordinate but has non-zero num_units`,
          'remove num_units and to: a subordinate gets a unit beside each principal it relates to',
        ),
      );
      return;
    }
    const deployed = deploy(this.state, {
      application: name,
      charm: charm.metadata,
      charmUrl: charm.charmUrl,
      numUnits: 0,
      config: application.options,
    });
    if (!deployed.ok) {
      const option = deployed.message.includes('option "');
      this.fail(
        name,
        bundleProblem(
          option ? at.options : at.name,
          option ? 'bad-option' : 'schema',
          `application "${name}": ${deployed.message}`,
          option
            ? `see the charm's options with "loom charm check ${application.charm}"`
            : 'correct the application in the bundle',
        ),
      );
      return;
    }
    this.apply(deployed);
    this.placed.set(name, []);
    this.steps.push({
      kind: 'deploy',
      application: name,
      charm: application.charm,
      charmUrl: charm.charmUrl,
    });
  }

  /** Adds the application's units, first placing those of applications it is placed beside. */
  placeUnits(application: BundleApplication): void {
    const { name } = application;
    const units = this.placed.get(name);
    if (units === undefined || this.done.has(name) || this.failed.has(name)) return;
    if (this.placing.has(name)) {
      this.fail(
        name,
        bundleProblem(
          application.at.to,
          'bad-placement',
          `placement of application "${name}" depends on itself`,
          'break the cycle: place one of the applications on a machine or on "new"',
        ),
      );
      return;
    }
    this.placing.add(name);
    for (let index = 0; index < application.numUnits; index += 1) {
      const machine = this.machineFor(application, index);
      if (machine === null) break;
      const added = addUnit(this.state, {
        application: name,
        ...(machine === undefined ? {} : { to: [machine] }),
      });
      if (!added.ok) {
        this.fail(
          name,
          bundleProblem(application.at.to, 'bad-placement', added.message, 'correct "to:"'),
        );
        break;
      }
      this.apply(added);
      const [unit = ''] = added.value.units;
      const onMachine = this.state.units.get(unit)?.machine ?? '';
      if (machine === undefined) {
        this.steps.push({ kind: 'add-machine', machine: onMachine });
        const directive = application.to[index];
        if (directive !== undefined && /^[0-9]+$/.test(directive))
          this.machineOf.set(directive, onMachine);
      }
      this.steps.push({ kind: 'add-unit', unit, machine: onMachine });
      units.push(unit);
    }
    this.placing.delete(name);
    this.done.add(name);
  }

  addRelations(): void {
    for (const relation of this.bundle.relations) {
      const applications = relation.endpoints.map((endpoint) => endpoint.split(':', 1)[0] ?? '');
      if (applications.some((application) => this.failed.has(application))) continue;
      const related = integrate(this.state, { endpoints: relation.endpoints });
      if (!related.ok) {
        this.problems.push(
          bundleProblem(
            relation.at,
            'relation-refused',
            related.message,
            'name both endpoints (app:endpoint) so that their interfaces match; "loom show-application <app>" lists them',
          ),
        );
        continue;
      }
      this.apply(related);
      this.steps.push({ kind: 'add-relation', ...related.value });
    }
  }

  result(): BundleDeployResult {
    const problems = sortProblems(this.problems);
    if (problems.some(isError)) return { ok: false, problems };
    return {
      ok: true,
      state: this.state,
      changes: this.changes,
      value: { steps: this.steps, warnings: problems },
    };
  }

  /**
   * The existing machine for unit `index` of `application`: undefined for a new machine, null
   * when the directive cannot be followed (the problem is recorded).
   */
  private machineFor(application: BundleApplication, index: number): string | undefined | null {
    const directive = application.to[index];
    if (directive === undefined) return undefined;
    const placement = parsePlacement(directive);
    switch (placement.kind) {
      case 'new':
        return undefined;
      case 'machine':
        return this.machineOf.get(placement.machine);
      case 'error':
        return null;
      case 'unit': {
        const target = this.bundle.applications.find((app) => app.name === placement.application);
        if (target === undefined) return null;
        this.placeUnits(target);
        if (this.failed.has(target.name)) {
          this.failed.add(application.name);
          return null;
        }
        const unit = this.placed.get(target.name)?.[placement.index ?? index];
        if (unit === undefined) {
          this.fail(
            application.name,
            bundleProblem(
              application.at.to,
              'bad-placement',
              `placement "${directive}" for unit ${index} of "${application.name}" has no unit ${target.name}/${placement.index ?? index} to go beside`,
              `give "${target.name}" more units or name one of its units ("${target.name}/0")`,
            ),
          );
          return null;
        }
        return this.state.units.get(unit)?.machine ?? null;
      }
    }
  }

  private apply<T>(result: Applied<T>): void {
    this.state = result.state;
    this.changes.push(...result.changes);
  }

  private fail(application: string, problem: BundleProblem): void {
    this.failed.add(application);
    this.problems.push(problem);
  }
}
