import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

let links: typeof import('./review-link');
const NOW = new Date('2026-06-01T12:00:00Z');

beforeAll(async () => {
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'es-review-'));
  links = await import('./review-link');
});

describe('review links', () => {
  it('open their article until they expire, 48 hours by default', () => {
    const { token, expiresAt } = links.createReviewToken('a-draft', NOW);
    expect(expiresAt.toISOString()).toBe('2026-06-03T12:00:00.000Z');
    expect(links.readReviewToken(token, new Date(NOW.getTime() + 47 * 3_600_000))?.slug).toBe('a-draft');
    expect(links.readReviewToken(token, expiresAt)).toBeNull();
  });

  it('cannot be pointed at another article or given more time', () => {
    const { token } = links.createReviewToken('a-draft', NOW);
    const [, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ s: 'other-draft', e: NOW.getTime() + 1e12 })).toString('base64url');
    expect(links.readReviewToken(`${forged}.${signature}`, NOW)).toBeNull();
  });

  it('refuse damaged tokens', () => {
    expect(links.readReviewToken('', NOW)).toBeNull();
    expect(links.readReviewToken('abc', NOW)).toBeNull();
    expect(links.readReviewToken('abc.def.ghi', NOW)).toBeNull();
  });
});
