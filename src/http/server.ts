// Listening and graceful shutdown: stop accepting, let in-flight requests finish (bounded), then
// close idle keep-alive sockets.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';

export interface RunningServer {
  server: http.Server;
  url: string;
  port: number;
  /** Stops accepting and resolves when in-flight requests are done (or after graceMs). */
  close(graceMs?: number): Promise<void>;
}

export function listen(app: express.Express, port: number, host: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(app);
    server.keepAliveTimeout = 5_000;
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      resolve({
        server,
        port: addr.port,
        url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${addr.port}`,
        close: (graceMs = 10_000) =>
          new Promise<void>((done) => {
            const force = setTimeout(() => server.closeAllConnections(), graceMs);
            force.unref();
            // Keep-alive sockets become idle when their in-flight response ends: close them then.
            const sweep = setInterval(() => server.closeIdleConnections(), 50);
            server.close(() => {
              clearTimeout(force);
              clearInterval(sweep);
              done();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}
