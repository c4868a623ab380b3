// Secure by default: with a real bot token configured, the emulator page and its API (which can
// act as any person) do not exist at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/bot-harness.js';

describe('emulator with a real bot token', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 60_000);
  afterAll(() => h?.close());

  it('is not mounted: no page, no API, no vendored renderer', async () => {
    expect(h.app.local).toBeUndefined();
    for (const path of ['/', '/emulator/api/session', '/emulator/api/events', '/emulator/assets/emulator.js', '/emulator/vendor/adaptivecards.min.js']) {
      const res = await fetch(`${h.app.http.url}${path}`);
      expect(res.status, path).toBe(404);
    }
    const post = await fetch(`${h.app.http.url}/emulator/api/card-actions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(404);
  });
});
