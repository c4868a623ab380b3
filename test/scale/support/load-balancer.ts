// A minimal round-robin HTTP load balancer on loopback: the one webhook URL every instance
// registers, as in production, forwarding each request (bytes and signature untouched) to the
// next instance.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoadBalancer {
  url: string;
  /** Base URLs of the instances, e.g. http://127.0.0.1:1234. */
  targets: string[];
  /** How many requests each target was sent. */
  forwarded: Map<string, number>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startLoadBalancer(): Promise<LoadBalancer> {
  let next = 0;
  const lb: LoadBalancer = { url: '', targets: [], forwarded: new Map(), close: async () => {} };
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const target = lb.targets[next++ % Math.max(1, lb.targets.length)];
      if (!target) return void res.writeHead(503).end();
      lb.forwarded.set(target, (lb.forwarded.get(target) ?? 0) + 1);
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'x-spark-signature', 'user-agent', 'trackingid']) {
        const v = req.headers[name];
        if (typeof v === 'string') headers[name] = v;
      }
      try {
        const answer = await fetch(`${target}${req.url}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : new Uint8Array(body) });
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' }).end(Buffer.from(await answer.arrayBuffer()));
      } catch {
        res.writeHead(502).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  lb.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  lb.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return lb;
}
