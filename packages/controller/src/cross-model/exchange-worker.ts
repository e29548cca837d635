/**
 * The cross-model exchange of one controller (R8.3, R8.5, R8.8): after every commit of a model
 * holding remote applications, and once at start, it derives core's exchange steps from all
 * models and commits each in its model. Being level-triggered, it needs no memory of its own:
 * a restarted controller recomputes what is left to do from the stored models.
 */
import { createHash } from 'node:crypto';

import {
  crossModelSteps,
  linkRemoteRelation,
  registerRemoteRelation,
  removeRelation,
} from '@loom/core';
import type { CrossModelStep, ModelState } from '@loom/core';

import { OperationRefusedError } from '../controller-error.js';
import type { DebugLog } from '../debug-log/debug-log.js';
import type { ModelRegistry } from '../model/model-registry.js';

/** The entity the controller's own debug-log records name. */
const CONTROLLER_ENTITY = 'controller-0';

/** How many rounds of steps one pass may take before it stops to report a loop. */
const MAX_ROUNDS = 1_000;

/** Runs the exchange between a controller's models. */
export class CrossModelExchange {
  private running: Promise<void> = Promise.resolve();
  private pending = false;

  /**
   * @param debugLog Where a consuming model hears why a relation of its could not be registered.
   * @param report Told of unexpected failures.
   */
  constructor(
    private readonly registry: ModelRegistry,
    private readonly debugLog: DebugLog,
    private readonly report: (error: unknown) => void,
  ) {}

  /** Follows every model's commits and runs a first pass. */
  start(): void {
    this.registry.onCommit((committed) => {
      if (
        committed.after.remoteApplications.size > 0 ||
        committed.before.remoteApplications.size > 0
      )
        this.wake();
    });
    this.registry.onChange({
      added: () => {
        this.wake();
      },
      destroyed: () => {
        this.wake();
      },
    });
    this.wake();
  }

  /** Resolves once no pass is running or queued (for tests and orderly shutdown). */
  async idle(): Promise<void> {
    while (this.pending) await this.running;
    await this.running;
  }

  private wake(): void {
    if (this.pending) return;
    this.pending = true;
    this.running = this.running.then(async () => {
      this.pending = false;
      try {
        await this.pass();
      } catch (error) {
        this.report(error);
      }
    });
  }

  /**
   * Runs the steps derived from the models, then derives again, until there are none. Each step
   * re-plans against its model as it is then, so one derived from an older view is still safe.
   */
  private async pass(): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const steps = crossModelSteps(this.states(), (model, application) =>
        applicationToken(this.registry.get(model).view.record.uuid, application),
      );
      if (steps.length === 0) return;
      for (const step of steps) await this.run(step);
    }
    throw new Error(`the cross-model exchange did not settle within ${MAX_ROUNDS} rounds`);
  }

  private states(): Map<string, ModelState> {
    return new Map(
      this.registry.list().map(({ name }) => [name, this.registry.get(name).view.state]),
    );
  }

  private async run(step: CrossModelStep): Promise<void> {
    if (step.kind === 'apply') {
      await this.registry.get(step.model).mutate((view) => step.operation(view.state));
      return;
    }
    const { registration } = step;
    try {
      const { relationId } = await this.registry
        .get(step.offeringModel)
        .mutate((view) => registerRemoteRelation(view.state, registration));
      await this.registry.get(step.consumingModel).mutate((view) =>
        linkRemoteRelation(view.state, {
          relationId: registration.relationId,
          otherRelationId: relationId,
        }),
      );
    } catch (error) {
      if (!(error instanceof OperationRefusedError)) throw error;
      // The offering model refuses (a limit, an endpoint no longer offered): the consuming
      // relation cannot stand, so it goes, and the consuming model's debug log says why.
      const host = this.registry.get(step.consumingModel);
      const key = host.view.state.relations.get(registration.relationId)?.key;
      await host.mutate((view) =>
        removeRelation(view.state, { relationId: registration.relationId }),
      );
      await this.debugLog.append(step.consumingModel, [
        {
          unit: CONTROLLER_ENTITY,
          hook: '',
          level: 'ERROR',
          message: `relation "${key ?? registration.relationId}" removed: offer "${registration.offer}" of model "${step.offeringModel}" refused it: ${error.message}`,
        },
      ]);
    }
  }
}

/** A consuming application's token: 32 hex digits, stable for its model and name (R8.3). */
export function applicationToken(modelUuid: string, application: string): string {
  return createHash('sha256').update(`${modelUuid}\0${application}`).digest('hex').slice(0, 32);
}
