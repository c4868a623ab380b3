// The embedded database's own thread: PGlite (PostgreSQL compiled to Wasm) and the socket server
// that exposes it on loopback. PGlite executes synchronously, so on the main thread every
// statement — and a 100,000-row COPY — would stall the bot's event loop; here it runs on
// another core and the bot reaches it over the socket like any PostgreSQL server.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export type ToWorker = { type: 'stop' };
export type FromWorker = { type: 'ready'; conn: string } | { type: 'failed'; message: string } | { type: 'stopped' } | { type: 'initialised' };

export interface WorkerOptions {
  /** undefined: in memory. */
  dataDir?: string;
  /** A Unix socket to listen on (cheaper than TCP loopback); undefined: 127.0.0.1 on a free port. */
  socketPath?: string;
  /** Only create the database files (initdb), close and exit: see embedded.ts. */
  initialiseOnly?: boolean;
}

/**
 * PostgreSQL's buffer cache lives in the Wasm heap, and a heap never shrinks: with the default 128
 * MB, a scan of the mirror (an export, a snapshot) kept ~150 MB more resident for good. The data
 * files are read through the operating system's page cache anyway (not counted as ours), so a
 * small cache costs little time (bench: `npm run bench`, throughput and memory sections).
 */
const MEMORY_SETTINGS = ['-c', 'shared_buffers=16MB'];

async function initialise(port: NonNullable<typeof parentPort>, dataDir: string): Promise<void> {
  try {
    const db = await PGlite.create(dataDir);
    await db.close();
    port.postMessage({ type: 'initialised' } satisfies FromWorker);
  } catch (err) {
    port.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies FromWorker);
  }
  port.close();
}

async function main(port: NonNullable<typeof parentPort>, { dataDir, socketPath }: WorkerOptions): Promise<void> {
  const send = (msg: FromWorker) => port.postMessage(msg);
  let db: PGlite | undefined;
  try {
    db = await PGlite.create(dataDir, { startParams: [...PGlite.defaultStartParams, ...MEMORY_SETTINGS] });
    // The app keeps one connection, but pg-pool drops a connection after any failed query and
    // opens a new one while the old is still closing: with room for one connection only, that
    // reconnect was refused and the statement after every SQL error failed. The socket server's
    // queue runs one connection's open transaction to its end before another's statements.
    const listen = socketPath ? { path: socketPath } : { host: '127.0.0.1', port: 0 };
    const server = new PGLiteSocketServer({ db, ...listen, maxConnections: 2 });
    await server.start();
    const pglite = db;
    port.on('message', (msg: ToWorker) => {
      if (msg.type !== 'stop') return;
      void (async () => {
        await server.stop();
        await pglite.close();
        send({ type: 'stopped' });
        port.close();
      })();
    });
    send({ type: 'ready', conn: server.getServerConn() });
  } catch (err) {
    await db?.close().catch(() => {});
    send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
    port.close();
  }
}

if (parentPort) {
  const options = workerData as WorkerOptions;
  void (options.initialiseOnly && options.dataDir ? initialise(parentPort, options.dataDir) : main(parentPort, options));
}
