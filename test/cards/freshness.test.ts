// The freshness line every answer from mirrored data carries: our wording, Webex's status and
// tracking id quoted (escaped), the age in plain words.
import { describe, expect, it } from 'vitest';
import { freshnessLine } from '../../src/cards/index.js';

const NOW = new Date('2026-12-03T10:42:07Z');

describe('freshnessLine', () => {
  it('fresh: the time it caught up with Webex', () => {
    expect(freshnessLine({ asOf: NOW }, NOW)).toBe('As of 10:42:07 UTC.');
    expect(freshnessLine({ asOf: new Date('2026-12-02T23:59:00Z') }, NOW)).toBe('As of 23:59:00 UTC on 2026-12-02.');
  });

  it('Webex failed: says so, with the status and tracking id, and how old the list is', () => {
    const asOf = new Date(NOW.getTime() - 5 * 60_000);
    expect(freshnessLine({ asOf, problem: { status: 500, trackingId: 'ROUTER_1_*x*' } }, NOW)).toBe(
      '⚠ Webex did not answer (HTTP 500, tracking id ROUTER\\_1\\_\\*x\\*): this list is from 10:37 UTC, 5 minutes ago.',
    );
  });

  it('Webex slow, and a mirror never brought up to date', () => {
    expect(freshnessLine({ asOf: null, problem: { slow: true } }, NOW, 'people')).toBe(
      '⚠ Webex did not answer in time: this list of people has not been brought up to date yet.',
    );
  });
});
