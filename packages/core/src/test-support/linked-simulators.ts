/**
 * Test support: several simulators — one per model — linked by the cross-model exchange, as one
 * controller links its models (R8.3, R8.5). `settle` alternates settling every model with running
 * the exchange's steps until neither has anything left to do, then checks every model's invariants.
 */
import { crossModelSteps } from '../cross-model/exchange.js';
import type { CrossModelStep } from '../cross-model/exchange.js';
import type { ModelState } from '../model/model-state.js';
import { linkRemoteRelation, registerRemoteRelation } from '../operations/remote-relation.js';
import { RecordingSimulator } from './recording-simulator.js';
import { checkInvariants } from './model-invariants.js';
import { offer } from '../operations/offer.js';
import { CHARMS } from './scenario-charms.js';

/** Models by name, each run by its simulator, which records its change sets. */
export class LinkedSimulators {
  readonly models = new Map<string, RecordingSimulator>();

  constructor(...names: string[]) {
    for (const name of names) this.models.set(name, new RecordingSimulator({ model: name }));
  }

  /** The simulator of a model. */
  model(name: string): RecordingSimulator {
    const simulator = this.models.get(name);
    if (simulator === undefined) throw new Error(`no model "${name}"`);
    return simulator;
  }

  /** Runs the exchange's steps until there are none; answers how many ran. */
  exchange(): number {
    let ran = 0;
    for (;;) {
      const states = new Map<string, ModelState>(
        [...this.models].map(([name, simulator]) => [name, simulator.state]),
      );
      const steps = crossModelSteps(states, applicationToken);
      if (steps.length === 0) return ran;
      for (const step of steps) this.runStep(step);
      ran += steps.length;
    }
  }

  private runStep(step: CrossModelStep): void {
    if (step.kind === 'apply') {
      this.model(step.model).run(step.operation);
      return;
    }
    const { relationId } = this.model(step.offeringModel).run((state) =>
      registerRemoteRelation(state, step.registration),
    );
    this.model(step.consumingModel).run((state) =>
      linkRemoteRelation(state, {
        relationId: step.registration.relationId,
        otherRelationId: relationId,
      }),
    );
  }

  /** Settles every model and the exchange between them. */
  settle(): void {
    for (let round = 0; round < 1000; round += 1) {
      let work = this.exchange();
      for (const simulator of this.models.values()) work += simulator.settle().operations;
      if (work === 0) {
        for (const simulator of this.models.values()) checkInvariants(simulator.state);
        return;
      }
    }
    throw new Error('linked models did not settle in 1000 rounds');
  }
}

/** S33's set-up: prod has db (1 unit) offered as `pgsql`; web has app (2 units); both settled. */
export function s33Models(): LinkedSimulators {
  const linked = new LinkedSimulators('prod', 'web');
  linked.model('prod').deploy({ application: 'db', charm: CHARMS.dbcharm });
  linked.model('web').deploy({ application: 'app', charm: CHARMS.webcharm, numUnits: 2 });
  linked
    .model('prod')
    .run((state) => offer(state, { application: 'db', endpoints: ['database'], name: 'pgsql' }));
  linked.settle();
  return linked;
}

/** A stable token (32 hex digits) for a consuming application: its model and name in hex. */
export function applicationToken(model: string, application: string): string {
  return Buffer.from(`${model}/${application}`).toString('hex').padEnd(32, '0').slice(0, 32);
}
