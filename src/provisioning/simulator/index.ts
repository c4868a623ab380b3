// The simulator backend: `createSimulatorBackend` implements ProvisioningBackend over the Sim*
// tables; `seedSimulator` fills them with a demo world once.
export { createSimulatorBackend, type SimulatorBackend, type SimulatorControls, type SimulatorOptions } from './backend.js';
export { seedSimulator, type SeedSimulatorOptions, type SeedSummary } from './seed.js';
export { seededRandom, type Random } from './ids.js';
export type { SimRemotePerson } from './model.js';
