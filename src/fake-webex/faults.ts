// Injectable faults: rules matched by method + path regex (the path below /v1), each used a number
// of times and/or with a probability. A delay slows the real response; the other kinds replace it.

export type Fault =
  /** Any status Webex answers with (429 with Retry-After seconds, 500, 502, 503, 504, …). */
  | { type: 'status'; status: number; retryAfterSeconds?: number; message?: string }
  /** A slow response: waits, then answers normally. */
  | { type: 'delay'; ms: number }
  /** Held until the test releases it, then answers normally (see FaultInjector.hold). */
  | { type: 'hold'; arrive(): void; until: Promise<void> }
  /** 200 with a truncated JSON body. */
  | { type: 'malformed' }
  /** The connection is dropped without an answer (a network error for the client). */
  | { type: 'disconnect' }
  /**
   * A rate limit, as Webex enforces one: a token bucket of `perSecond` requests (bursts up to one
   * second's worth); a request over it gets 429 with Retry-After, in whole seconds as Webex sends it.
   */
  | { type: 'limit'; perSecond: number; bucket: { tokens: number; at: number } };

export interface FaultRule {
  method?: string;
  path: RegExp;
  fault: Fault;
  /** How many requests it applies to (default: all). */
  times?: number;
  /** Chance of applying to a matching request (default 1). */
  probability?: number;
}

export interface ActiveFaultRule extends FaultRule {
  /** How many times it fired so far. */
  hits: number;
}

type Matcher = { method?: string; times?: number; probability?: number };

export class FaultInjector {
  private list: ActiveFaultRule[] = [];

  constructor(private readonly random: () => number) {}

  get rules(): readonly ActiveFaultRule[] {
    return this.list;
  }

  add(rule: FaultRule): ActiveFaultRule {
    const active = { ...rule, hits: 0 };
    this.list.push(active);
    return active;
  }

  /** 429 with `Retry-After: seconds`. */
  rateLimit(path: RegExp, retryAfterSeconds: number, opts: Matcher = {}) {
    return this.add({ path, fault: { type: 'status', status: 429, retryAfterSeconds }, ...opts });
  }

  serverError(path: RegExp, status = 500, opts: Matcher = {}) {
    return this.add({ path, fault: { type: 'status', status }, ...opts });
  }

  delay(path: RegExp, ms: number, opts: Matcher = {}) {
    return this.add({ path, fault: { type: 'delay', ms }, ...opts });
  }

  /**
   * Holds matching requests until `release()`, then answers them normally. A test that needs one
   * call to be in flight while something else happens waits for `arrived` and releases when
   * that has happened: no timing window to guess on a busy machine.
   */
  hold(path: RegExp, opts: Matcher = {}): ActiveFaultRule & { arrived: Promise<void>; release(): void } {
    let arrive!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const until = new Promise<void>((resolve) => (release = resolve));
    const rule = this.add({ path, fault: { type: 'hold', arrive, until }, ...opts });
    return Object.assign(rule, { arrived, release });
  }

  /** At most `perSecond` matching requests a second (see Fault 'limit'); the rest get 429. */
  limitRate(path: RegExp, perSecond: number, opts: Matcher = {}) {
    return this.add({ path, fault: { type: 'limit', perSecond, bucket: { tokens: perSecond, at: Date.now() } }, ...opts });
  }

  malformed(path: RegExp, opts: Matcher = {}) {
    return this.add({ path, fault: { type: 'malformed' }, ...opts });
  }

  disconnect(path: RegExp, opts: Matcher = {}) {
    return this.add({ path, fault: { type: 'disconnect' }, ...opts });
  }

  clear(): void {
    this.list = [];
  }

  /** The faults for one request: delays and holds first, then at most one answer-replacing fault. */
  take(method: string, path: string): Fault[] {
    const delays: Fault[] = [];
    let terminal: Fault | undefined;
    for (const rule of this.list) {
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (!rule.path.test(path)) continue;
      if (rule.times !== undefined && rule.hits >= rule.times) continue;
      const slows = rule.fault.type === 'delay' || rule.fault.type === 'hold';
      if (!slows && terminal) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      if (rule.fault.type === 'limit') {
        const over = overLimit(rule.fault);
        if (over === null) continue;
        rule.hits += 1;
        terminal = over;
        continue;
      }
      rule.hits += 1;
      if (slows) delays.push(rule.fault);
      else terminal = rule.fault;
    }
    return terminal ? [...delays, terminal] : delays;
  }
}

/** Takes a token if there is one (null: the request goes through); else the 429 to answer. */
function overLimit(limit: Extract<Fault, { type: 'limit' }>): Fault | null {
  const now = Date.now();
  const b = limit.bucket;
  b.tokens = Math.min(limit.perSecond, b.tokens + ((now - b.at) / 1000) * limit.perSecond);
  b.at = now;
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return null;
  }
  return { type: 'status', status: 429, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / limit.perSecond)) };
}

export const STATUS_MESSAGES: Record<number, string> = {
  429: 'Too Many Requests: Too many requests have been sent in a given amount of time and the request has been rate limited.',
  500: 'Internal Server Error: Something went wrong on the server.',
  502: 'Bad Gateway: The server received an invalid response from an upstream server while processing the request.',
  503: 'Service Unavailable: Server is overloaded with requests. Try again later.',
  504: 'Gateway Timeout: An upstream server failed to respond on time.',
};
