// The fake Webex API: shared by the tests and the local emulator (try the bot with no account).
export { startFakeWebex, type FakeWebex, type RecordedRequest } from './server.js';
export type { FakeWebexOptions } from './options.js';
export type { DeliveryResult } from './app.js';
export { FaultInjector, type Fault, type FaultRule } from './faults.js';
export type { FakeSeeder, PersonSeed, PersonRef, SubscriberSeed } from './seed.js';
export type { SimulatedMessage, SimulatedCardAction } from './simulate.js';
export { signBody } from './webhook-delivery.js';
export { webexId, decodeWebexId, uuidOf } from './ids.js';
export { suppressionText } from './routes/activation-jobs.js';
export { BW_ERRORS } from './broadworks-rules.js';
export { MAX_MESSAGE_BYTES, CARD_CONTENT_TYPE } from './messaging.js';
export type * from './types.js';
