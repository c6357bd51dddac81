import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

let trigger: typeof import('./trigger');
let notify: typeof import('../comments/notify');

beforeAll(async () => {
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'es-trigger-'));
  trigger = await import('./trigger');
  notify = await import('../comments/notify');
});

describe('signed requests between the site’s own processes', () => {
  it('accept a publish request signed with the site’s secret, within five minutes', () => {
    const now = 1_800_000_000_000;
    const { body, signature } = trigger.signPublishRequest('command', now);
    expect(trigger.verifyPublishRequest(body, signature, now + 60_000)).toBe('command');
    expect(trigger.verifyPublishRequest(body, signature, now + 5 * 60_000 + 1)).toBeNull();
  });

  it('refuse a missing, altered or foreign signature, an unknown reason and another purpose’s key', () => {
    const now = Date.now();
    const { body, signature } = trigger.signPublishRequest('watch', now);
    expect(trigger.verifyPublishRequest(body, null, now)).toBeNull();
    expect(trigger.verifyPublishRequest(body.replace('watch', 'peer'), signature, now)).toBeNull();
    expect(trigger.verifyPublishRequest(body, `${signature.slice(0, -1)}A`, now)).toBeNull();
    const odd = JSON.stringify({ action: 'publish', reason: 'anything', at: now });
    expect(trigger.verifyPublishRequest(odd, notify.signRevalidation(odd), now)).toBeNull();
    // A revalidation signature does not publish, and a publish signature does not revalidate: keys per purpose.
    const revalidation = JSON.stringify({ action: 'publish', reason: 'command', tags: ['x'], at: now });
    expect(trigger.verifyPublishRequest(revalidation, notify.signRevalidation(revalidation), now)).toBeNull();
    expect(notify.verifyRevalidation(revalidation, notify.signRevalidation(revalidation), now)).toEqual(['x']);
    expect(notify.verifyRevalidation(body, signature, now)).toBeNull();
  });

  it('refuse a revalidation whose tags are not a list of short strings, or that is not JSON', () => {
    const now = Date.now();
    for (const body of ['not json', JSON.stringify({ tags: 'x', at: now }), JSON.stringify({ tags: ['x'.repeat(257)], at: now }), JSON.stringify([now])]) {
      expect(notify.verifyRevalidation(body, notify.signRevalidation(body), now), body.slice(0, 30)).toBeNull();
    }
  });
});
