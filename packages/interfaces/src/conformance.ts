/**
 * Interface conformance: a provider charm and a requirer charm of one interface run against each
 * other in-process (@loom/testing's TestModel, so every hook is the engine's) through the life
 * of a relation — related, a unit joining, settings changing, a unit departing, the relation
 * broken — and after each step every bag is checked against the interface's schemas, and the
 * library's own expectation (what each side should see) is asked. Problems are reported by step,
 * bag and field; nothing throws for a charm that does not conform.
 */
import type { ConfigValue } from '@loom/core';
import type { CharmType, ObjectSchema } from '@loom/ops';
import { TestModel } from '@loom/testing';
import type { CharmSpec } from '@loom/testing';

import { readTypedBag } from './typed-bag.js';
import type { BagEncoding } from './typed-bag.js';

/** What an interface promises: a schema for each bag a side writes (absent: nothing checked). */
export interface InterfaceSchemas {
  readonly interface: string;
  readonly version: number;
  /** How values are written: raw strings (default) or charms.reactive's JSON. */
  readonly encoding?: BagEncoding;
  readonly providerUnit?: ObjectSchema;
  readonly providerApp?: ObjectSchema;
  readonly requirerUnit?: ObjectSchema;
  readonly requirerApp?: ObjectSchema;
}

/** One side of the run: the charm, its metadata, its endpoint, and how to change its settings. */
export interface ConformanceSide {
  readonly charmType: CharmType;
  readonly charm: CharmSpec;
  readonly endpoint: string;
  /** Settings applied at the "settings change" step, if the side has any to change. */
  readonly change?: Readonly<Record<string, ConfigValue>>;
  /** Units deployed at first: by default 2 providers and 1 requirer; 0 for a subordinate. */
  readonly units?: number;
}

/** A conformance run. */
export interface ConformanceRun {
  readonly schemas: InterfaceSchemas;
  readonly provider: ConformanceSide;
  readonly requirer: ConformanceSide;
  /**
   * What the library promises each side sees after a step, as problems (none when it holds):
   * for example, that the requirer lists every provider unit.
   */
  readonly expect?: (model: TestModel, step: string, relationId: number) => readonly string[];
}

/** One thing found wrong. */
export interface ConformanceProblem {
  readonly step: string;
  readonly where: string;
  readonly message: string;
}

/** What a run found, step by step. */
export interface ConformanceReport {
  readonly ok: boolean;
  readonly steps: readonly string[];
  readonly problems: readonly ConformanceProblem[];
}

const PROVIDER = 'provider';
/** The keys Juju puts in every unit bag: a bag with only these has published nothing. */
const JUJU_KEYS = new Set(['egress-subnets', 'ingress-address', 'private-address']);
const REQUIRER = 'requirer';

/** Runs the provider and requirer of an interface against each other; reports what does not conform. */
export async function runConformance(run: ConformanceRun): Promise<ConformanceReport> {
  const model = new TestModel();
  model.deploy(PROVIDER, run.provider.charmType, {
    charm: run.provider.charm,
    numUnits: run.provider.units ?? 2,
  });
  model.deploy(REQUIRER, run.requirer.charmType, {
    charm: run.requirer.charm,
    numUnits: run.requirer.units ?? 1,
  });
  await model.settle({ expectFailures: true });
  const relationId = model.integrate(
    `${PROVIDER}:${run.provider.endpoint}`,
    `${REQUIRER}:${run.requirer.endpoint}`,
  );
  const problems: ConformanceProblem[] = [];
  const steps: string[] = [];
  let failuresSeen = 0;
  const step = async (name: string, act: () => void) => {
    act();
    await model.settle({ expectFailures: true });
    steps.push(name);
    problems.push(...check(model, run, name, relationId, failuresSeen));
    failuresSeen = model.failedHooks().length;
  };
  await step('related', () => undefined);
  await step('a provider and a requirer unit join', () => {
    model.addUnit(PROVIDER);
    // A subordinate's units come with its principals'.
    if (model.simulator.state.applications.get(REQUIRER)?.subordinate !== true)
      model.addUnit(REQUIRER);
  });
  await step('settings change', () => {
    if (run.provider.change !== undefined) model.configure(PROVIDER, run.provider.change);
    if (run.requirer.change !== undefined) model.configure(REQUIRER, run.requirer.change);
  });
  await step('a provider unit departs', () => {
    model.removeUnit(`${PROVIDER}/0`);
  });
  await step('the relation is broken', () => {
    model.removeRelation(relationId);
  });
  return { ok: problems.length === 0, steps, problems };
}

/** Every bag against its schema, the library's expectation, and the hooks that failed since the last step. */
function check(
  model: TestModel,
  run: ConformanceRun,
  step: string,
  relationId: number,
  failuresSeen: number,
): ConformanceProblem[] {
  const problems: ConformanceProblem[] = [];
  const state = model.simulator.state;
  const relation = state.relations.get(relationId);
  const checkBag = (
    schema: ObjectSchema | undefined,
    owner: string,
    raw: Record<string, string>,
  ) => {
    if (schema === undefined || Object.keys(raw).every((key) => JUJU_KEYS.has(key))) return;
    const bag = readTypedBag(schema, owner, raw, run.schemas.encoding);
    if (!bag.ok)
      for (const problem of bag.problems)
        problems.push({ step, where: `${owner} ${problem.field}`, message: problem.message });
  };
  if (relation?.life === 'alive') {
    for (const [unit, entity] of state.units) {
      if (entity.life !== 'alive') continue;
      const bag = model.unitBag(relationId, unit);
      if (entity.application === PROVIDER) checkBag(run.schemas.providerUnit, unit, { ...bag });
      if (entity.application === REQUIRER) checkBag(run.schemas.requirerUnit, unit, { ...bag });
    }
    checkBag(run.schemas.providerApp, PROVIDER, { ...model.appBag(relationId, PROVIDER) });
    checkBag(run.schemas.requirerApp, REQUIRER, { ...model.appBag(relationId, REQUIRER) });
  }
  for (const message of run.expect?.(model, step, relationId) ?? [])
    problems.push({ step, where: 'expectation', message });
  // Each failed hook is reported at the step it failed in.
  for (const failure of model.failedHooks().slice(failuresSeen)) {
    problems.push({
      step,
      where: `${failure.unit} ${failure.hook}`,
      message: failure.error instanceof Error ? failure.error.message : String(failure.error),
    });
  }
  return problems;
}
