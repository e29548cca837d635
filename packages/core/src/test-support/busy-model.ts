/**
 * Test support: a model that has been through a bit of everything (deploys, peer, regular and
 * container relations, bag writes by units and leaders, leader settings, charm state, opened
 * ports, config changes, unit and relation removal), run by a recording simulator so its change
 * sets can be replayed elsewhere.
 */
import { commitHook } from '../operations/commit-hook.js';
import { CHARMS, FIXTURE_CHARM_NAMES } from './scenario-charms.js';
import { RecordingSimulator } from './recording-simulator.js';

/**
 * Builds and settles the busy model. Every hook writes its name into the unit's bag of the hook's
 * relation, the leader also into its application bag and leader settings, and every unit keeps a
 * hook counter in its charm state.
 */
export function busyModel(): RecordingSimulator {
  const sim = new RecordingSimulator({ model: 'busy' });
  for (const charm of FIXTURE_CHARM_NAMES) {
    sim.charm(charm, (context) => {
      const hook = context.hook;
      if (hook === undefined) return;
      const count = Number(context.stateGet('hooks') ?? '0') + 1;
      context.stateSet(new Map([['hooks', String(count)]]));
      if (hook.kind === 'start') void context.applicationVersionSet(`1.${String(count)}`);
      if (hook.relation === undefined || hook.kind === 'relation-broken') return;
      const relationId = hook.relation.id;
      context.relationSet(new Map([['last-hook', hook.name]]), { relationId });
      if (context.isLeader()) {
        context.relationSet(new Map([['leader-saw', hook.name]]), { relationId, app: true });
        void context.leaderSet(new Map([['hooks', String(count)]]));
      }
    });
  }
  sim.deploy({ application: 'db', charm: CHARMS.dbcharm, numUnits: 2 });
  sim.deploy({ application: 'app', charm: CHARMS.webcharm, numUnits: 3 });
  sim.deploy({ application: 'cluster', charm: CHARMS.clustercharm, numUnits: 2 });
  sim.deploy({ application: 'logger', charm: CHARMS.logger });
  sim.integrate('app', 'db');
  sim.integrate('app', 'logger:juju-info');
  sim.settle();
  sim.run((state) =>
    commitHook(state, {
      unit: 'db/0',
      relationSettings: [],
      ports: { open: [{ endpoint: '', protocol: 'tcp', from: 5432, to: 5432 }], close: [] },
    }),
  );
  sim.configure('db', { tick: 1 });
  sim.removeUnit('app/2');
  sim.settle();
  sim.removeRelation({ endpoints: ['app', 'logger'] });
  sim.settle();
  return sim;
}
