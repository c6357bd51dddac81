/**
 * 200 submissions at once from 50 simulated readers: the store takes every accepted comment
 * exactly once, the flood rule holds under concurrency, and no lock error reaches a client.
 */
import { expect, test } from '@playwright/test';
import { allRows, closeStore, formToken, RUN } from './support/comments';

test.afterAll(closeStore);

/** Comments in this spec go under an article no other spec comments on. */
const ARTICLE = 'casa-1000-afghanistan-power-line';
const READERS = 50;
const POSTS_PER_READER = 4;

test('200 concurrent posts from 50 addresses: no 5xx, only 201 or 429, one 201 per address, and exactly one stored row per 201', async ({ request }, testInfo) => {
  test.setTimeout(120_000);
  // 203.0.113.1…50; a retry within the flood window uses the next 50 addresses of the block.
  const ipOf = (reader: number) => `203.0.113.${reader + 1 + READERS * testInfo.retry}`;
  const prefix = '203.0.113.0/24';
  const token = await formToken(request);
  const before = (await allRows()).filter((row) => row.ip_prefix === prefix).length;

  const posts = Array.from({ length: READERS * POSTS_PER_READER }, (_, i) => {
    const reader = i % READERS;
    const n = Math.floor(i / READERS);
    return {
      ip: ipOf(reader),
      data: {
        article: ARTICLE,
        name: `Crowd Reader ${reader}`,
        email: `crowd-${RUN}-${reader}@example.com`,
        body: `Concurrent comment ${n} from reader ${reader} in run ${RUN}.`,
        token,
        address: '',
      },
    };
  });

  const results = await Promise.all(
    posts.map(async (post) => {
      const response = await request.post('/api/comments', {
        data: post.data,
        headers: { 'content-type': 'application/json', 'x-forwarded-for': post.ip },
        timeout: 60_000,
      });
      const text = await response.text();
      return { ...post, status: response.status(), text, retryAfter: response.headers()['retry-after'] };
    }),
  );

  const statuses = new Map<number, number>();
  for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  const summary = [...statuses].map(([s, n]) => `${s}×${n}`).join(', ');
  testInfo.annotations.push({ type: 'statuses', description: summary });

  for (const r of results) {
    expect(r.text, 'no lock error reaches a client').not.toMatch(/SQLITE_BUSY|SQLITE_LOCKED|database is locked/i);
    expect(r.status, `no 5xx (${summary}): ${r.text}`).toBeLessThan(500);
    expect([201, 429], `every answer is 201 or 429 (${summary}): ${r.text}`).toContain(r.status);
    if (r.status === 429) {
      expect(JSON.parse(r.text).error.code).toBe('rate_limited');
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    }
  }

  const accepted = results.filter((r) => r.status === 201).map((r) => ({ ...r, id: (JSON.parse(r.text) as { id: string }).id }));
  const perIp = new Map<string, number>();
  for (const r of accepted) perIp.set(r.ip, (perIp.get(r.ip) ?? 0) + 1);
  for (let reader = 0; reader < READERS; reader++) {
    expect(perIp.get(ipOf(reader)) ?? 0, `exactly one 201 for ${ipOf(reader)}: the flood rule allows one comment per 15 s`).toBe(1);
  }
  expect(accepted).toHaveLength(READERS);
  expect(new Set(accepted.map((r) => r.id)).size, 'distinct ids').toBe(accepted.length);

  const rows = (await allRows()).filter((row) => row.ip_prefix === prefix);
  for (const r of accepted) {
    const stored = rows.filter((row) => row.id === r.id);
    expect(stored, `one stored row for ${r.id}`).toHaveLength(1);
    expect(stored[0]).toMatchObject({ article: ARTICLE, body: r.data.body, author_email: r.data.email, status: 'pending' });
  }
  expect(rows.length - before, 'rows stored from these addresses = number of 201s').toBe(accepted.length);
  expect(new Set(rows.map((row) => row.ip_hash)).size, 'one stored comment per address').toBe(rows.length);
});
