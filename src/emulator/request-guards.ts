// What keeps the emulator page (which acts as an admin with no login) to the person at this
// machine's browser: it answers only for the addresses it is served on, and a state-changing
// request must come from the page itself.
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** The Host values a browser sends for this server: the loopback names and the configured HOST. */
export function servedHosts(host: string, port: number): string[] {
  const bracketed = (h: string) => (h.includes(':') ? `[${h}]` : h);
  const names = new Set(['127.0.0.1', 'localhost', '::1', host.toLowerCase()]);
  // On port 80 a browser leaves the port out of Host.
  return [...names].flatMap((name) => (port === 80 ? [bracketed(name), `${bracketed(name)}:80`] : [`${bracketed(name)}:${port}`]));
}

function refuse(res: Response, message: string): void {
  res.status(403).json({ error: 'forbidden', message });
}

/**
 * DNS rebinding: a site whose name is made to resolve to 127.0.0.1 reaches this server as "same
 * origin" from its own page; its requests still carry its own name in Host, so refuse any Host
 * we do not serve.
 */
export function servedHostOnly(allowed: readonly string[]): RequestHandler {
  const hosts = new Set(allowed.map((h) => h.toLowerCase()));
  return (req: Request, res: Response, next: NextFunction) => {
    const host = req.get('host')?.toLowerCase();
    if (!host || !hosts.has(host)) return refuse(res, 'This page is served on the loopback address only: open it at the address the bot logged.');
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A page on another site must not be able to act as the admin. Browsers send Origin on every
 * POST, so a state-changing request without one (or with "null": sandboxed frames, file: pages,
 * some redirects) did not come from this page and is refused too.
 */
export function sameOriginOnly(req: Request, res: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method)) return next();
  const origin = req.get('origin');
  let originHost: string | undefined;
  try {
    originHost = origin && origin !== 'null' ? new URL(origin).host : undefined;
  } catch {
    originHost = undefined;
  }
  if (!originHost || originHost.toLowerCase() !== req.get('host')?.toLowerCase()) {
    return refuse(res, 'Only the emulator page itself may send this request.');
  }
  next();
}
