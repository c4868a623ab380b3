// A real backend behind a thin delegating wrapper that "crashes" once at a chosen call — before the
// call reaches the backend, or after the backend has done it (the answer is lost, as when the
// process dies right after Webex acted). It also lets a test look at the store just before a call.
import type { ProvisioningBackend } from '../../src/provisioning/types.js';

type AsyncMethod = {
  [K in keyof ProvisioningBackend]: ProvisioningBackend[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof ProvisioningBackend];

export interface CrashPlan {
  method: AsyncMethod;
  /** 'before': the backend never sees the call; 'after': it acts, then the caller gets an error. */
  when: 'before' | 'after';
  /** 'throw': the step fails; 'hang': the call never returns (the process died holding its lease). */
  how?: 'throw' | 'hang';
}

export interface CrashingBackend {
  backend: ProvisioningBackend;
  /** Every call made, in order (method names). */
  calls: string[];
  /** Whether the planned crash happened. */
  crashed(): boolean;
}

export class SimulatedCrash extends Error {}

export function crashingBackend(
  real: ProvisioningBackend,
  plan: CrashPlan | null,
  onCall?: (method: string, args: unknown[]) => Promise<void>,
): CrashingBackend {
  const calls: string[] = [];
  let crashed = false;
  const crash = (): Promise<never> => {
    crashed = true;
    if (plan?.how === 'hang') return new Promise<never>(() => {});
    return Promise.reject(new SimulatedCrash(`simulated crash ${plan!.when} ${plan!.method}`));
  };
  const backend = new Proxy(real, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        calls.push(String(prop));
        const due = !crashed && plan?.method === prop;
        // Listings are async iterables, not promises: delegated as they are.
        if (prop === 'listSubscribers' || prop === 'listPeople') return fn.apply(target, args);
        return (async () => {
          await onCall?.(String(prop), args);
          if (due && plan.when === 'before') return crash();
          const result = await fn.apply(target, args);
          if (due && plan.when === 'after') return crash();
          return result;
        })();
      };
    },
  });
  return { backend, calls, crashed: () => crashed };
}
