// Entry of the embedded database's thread when running from source: worker threads do not
// inherit tsx's loader in Node 20, so register it here, then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./embedded-worker.ts');
