/**
 * A bundle deploy's changes as `juju deploy <bundle>` lists them: the local charms located, then
 * one line per change (upload, deploy, new machine, unit, relation).
 */
import type { BundleStep } from '@loom/core';

/** `Located local charm "db", revision 3` for each charm uploaded, in order. */
export function locatedCharms(steps: readonly BundleStep[]): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const step of steps) {
    if (step.kind !== 'deploy' || seen.has(step.charmUrl)) continue;
    seen.add(step.charmUrl);
    const match = /^local:(.+)-(\d+)$/.exec(step.charmUrl);
    lines.push(
      `Located local charm "${match?.[1] ?? step.charmUrl}", revision ${match?.[2] ?? '0'}`,
    );
  }
  return lines;
}

/** The change lines (`- deploy application db from ./db`...). */
export function bundleChangeLines(steps: readonly BundleStep[]): string[] {
  const uploaded = new Set<string>();
  const lines: string[] = [];
  let newMachine: string | undefined;
  for (const step of steps) {
    switch (step.kind) {
      case 'deploy':
        if (!uploaded.has(step.charm)) lines.push(`- upload charm ${step.charm}`);
        uploaded.add(step.charm);
        lines.push(`- deploy application ${step.application} from ${step.charm}`);
        break;
      case 'add-machine':
        lines.push(`- add new machine ${step.machine}`);
        newMachine = step.machine;
        break;
      case 'add-unit':
        lines.push(
          `- add unit ${step.unit} to ${step.machine === newMachine ? 'new ' : ''}machine ${step.machine}`,
        );
        newMachine = undefined;
        break;
      case 'add-relation':
        lines.push(`- add relation ${step.key.split(' ').join(' - ')}`);
        break;
    }
  }
  return lines;
}
