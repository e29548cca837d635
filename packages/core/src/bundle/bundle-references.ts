/**
 * The checks of a bundle that look across its parts (Juju's BundleData.Verify): placement
 * directives refer to machines and applications of the bundle, no more directives than units,
 * every declared machine is used, and relations name applications of the bundle, once each.
 */
import { bundleProblem } from './bundle.js';
import type { BundleApplication, BundleProblem, BundleSpec } from './bundle.js';
import { parsePlacement } from './placement-directive.js';

/** Every cross-reference problem of a bundle, in no particular order. */
export function checkBundleReferences(bundle: BundleSpec): BundleProblem[] {
  const problems: BundleProblem[] = [];
  const applications = new Map(bundle.applications.map((app) => [app.name, app]));
  const usedMachines = new Set<string>();
  for (const application of bundle.applications) {
    problems.push(...checkPlacements(application, applications, bundle, usedMachines));
  }
  for (const machine of bundle.machines) {
    if (usedMachines.has(machine.id)) continue;
    problems.push(
      bundleProblem(
        machine.at,
        'unused-machine',
        `machine "${machine.id}" is not referred to by a placement directive`,
        `place a unit on it (to: ["${machine.id}"]) or remove it from "machines:"`,
      ),
    );
  }
  problems.push(...checkRelations(bundle, applications));
  return problems;
}

function checkPlacements(
  application: BundleApplication,
  applications: ReadonlyMap<string, BundleApplication>,
  bundle: BundleSpec,
  usedMachines: Set<string>,
): BundleProblem[] {
  const problems: BundleProblem[] = [];
  const at = application.at.to;
  if (application.to.length > application.numUnits) {
    problems.push(
      bundleProblem(
        at,
        'too-many-placements',
        `too many units specified in unit placement for application "${application.name}": ${application.to.length} directives for ${application.numUnits} ${application.numUnits === 1 ? 'unit' : 'units'}`,
        `set num_units to ${application.to.length} or remove directives; units without one go to new machines`,
      ),
    );
  }
  for (const directive of application.to) {
    const placement = parsePlacement(directive);
    if (placement.kind === 'error') {
      problems.push(bundleProblem(at, 'bad-placement', placement.message, placement.fix));
    } else if (placement.kind === 'machine') {
      usedMachines.add(placement.machine);
      if (!bundle.machines.some((machine) => machine.id === placement.machine)) {
        problems.push(
          bundleProblem(
            at,
            'bad-placement',
            `placement "${directive}" refers to a machine not defined in this bundle`,
            `declare it under "machines:" ("${placement.machine}": {}) or use "new"`,
          ),
        );
      }
    } else if (placement.kind === 'unit') {
      const target = applications.get(placement.application);
      const problem =
        target === undefined
          ? `placement "${directive}" refers to an application not defined in this bundle`
          : target.name === application.name
            ? `placement "${directive}" refers to the application it places`
            : placement.index !== undefined && placement.index >= target.numUnits
              ? `placement "${directive}" specifies a unit greater than the ${target.numUnits} unit(s) started by the target application`
              : undefined;
      if (problem !== undefined) {
        problems.push(
          bundleProblem(
            at,
            'bad-placement',
            problem,
            'place the unit beside a unit of another application of the bundle ("app/0")',
          ),
        );
      }
    }
  }
  return problems;
}

function checkRelations(
  bundle: BundleSpec,
  applications: ReadonlyMap<string, BundleApplication>,
): BundleProblem[] {
  const problems: BundleProblem[] = [];
  const seen = new Set<string>();
  for (const relation of bundle.relations) {
    const missing = relation.endpoints.find(
      (endpoint) => !applications.has(endpoint.split(':', 1)[0] ?? ''),
    );
    const shown = `["${relation.endpoints[0]}" "${relation.endpoints[1]}"]`;
    if (missing !== undefined) {
      problems.push(
        bundleProblem(
          relation.at,
          'bad-relation',
          `relation ${shown} refers to application "${missing.split(':', 1)[0] ?? ''}" not defined in this bundle`,
          'add the application under "applications:" or correct the name',
        ),
      );
      continue;
    }
    const key = [...relation.endpoints].sort().join(' ');
    if (seen.has(key)) {
      problems.push(
        bundleProblem(
          relation.at,
          'duplicate-relation',
          `relation ${shown} is defined more than once`,
          'remove the repeated relation',
        ),
      );
    }
    seen.add(key);
  }
  return problems;
}
