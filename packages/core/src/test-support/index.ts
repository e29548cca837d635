/**
 * Test support shared with the other packages' tests (`@loom/core/test-support`): fixture charms
 * and models of spec §9, the model invariants, and a simulator that records its change sets.
 * Not part of the published package.
 */
export { checkInvariants, entitiesOf } from './model-invariants.js';
export { busyModel } from './busy-model.js';
export { RecordingSimulator } from './recording-simulator.js';
export { applied, chain, CHARMS, FIXTURE_CHARM_NAMES, refused } from './scenario-charms.js';
export { addressOf, entered, s1, s11, s19, started } from './scenario-models.js';
export { applicationToken, LinkedSimulators, s33Models } from './linked-simulators.js';
