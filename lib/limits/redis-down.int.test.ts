/**
 * REDIS_URL set but Redis unreachable (a closed port; no Redis needed): the limits cannot be checked,
 * so comments answer 503 and store nothing, and sign-in fails closed with a 503 — never unlimited guessing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture, validFrontMatter, type Fixture } from '../content/testing';
import { CLOSED_REDIS_URL } from '../testing/redis';

let fx: Fixture;
let service: typeof import('../comments/service');
let tokens: typeof import('../comments/token');
let errors: typeof import('../http/errors');
let options: typeof import('../auth/options');
let authRequest: typeof import('../auth/auth-request');
let db: typeof import('../db');

beforeAll(async () => {
  fx = makeFixture();
  fx.article('open-story', validFrontMatter({ date: '2026-05-01T09:00:00+00:00' }));
  process.env.CONTENT_DIR = fx.contentDir;
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'es-redis-down-'));
  process.env.REDIS_URL = CLOSED_REDIS_URL;
  delete process.env.DATABASE_URL;
  service = await import('../comments/service');
  tokens = await import('../comments/token');
  errors = await import('../http/errors');
  options = await import('../auth/options');
  authRequest = await import('../auth/auth-request');
  db = await import('../db');
  await (await import('../auth/editors')).addEditor({ email: 'ed@example.com', name: 'Ed', password: 'the right password' });
});

afterAll(async () => {
  (await import('./redis')).closeLimitsRedis();
  await db.closeDatabase();
  fx.cleanup();
  delete process.env.REDIS_URL;
});

describe('with the limits’ Redis down', () => {
  it('answers a comment with 503 and Retry-After, and stores nothing', async () => {
    const input = { article: 'open-story', name: 'Ann', email: 'ann@example.com', body: 'A considered view.', token: tokens.issueFormToken(Date.now() - 60_000) };
    const failure = await service.submitComment(input, { ip: '198.51.100.1', userAgent: 'vitest' }).catch((error: unknown) => error);
    const answer = errors.toAppError(failure, 'test');
    expect([answer.status, answer.code, answer.retryAfter]).toEqual([503, 'unavailable', 5]);
    const { db: k } = await db.getDatabase();
    expect(await k.selectFrom('comments').select('id').execute()).toEqual([]);
  });

  it('refuses to check a password, even the right one, saying sign-in is briefly unavailable', async () => {
    await expect(options.authorizeEditor({ email: 'ed@example.com', password: 'the right password' }, '198.51.100.2')).rejects.toThrow(options.SIGN_IN_UNAVAILABLE);
  });
});

describe('unavailableAsServiceUnavailable', () => {
  const nextAuthAnswer = (error: string) =>
    new Response(JSON.stringify({ url: `http://site.example/api/auth/error?error=${encodeURIComponent(error)}` }), {
      status: 401,
      headers: { 'content-type': 'application/json' },
    });

  it('turns next-auth’s 401 for unreachable counters into a 503 with Retry-After, body unchanged', async () => {
    const answer = await authRequest.unavailableAsServiceUnavailable(nextAuthAnswer(options.SIGN_IN_UNAVAILABLE));
    expect([answer.status, answer.headers.get('retry-after')]).toEqual([503, '5']);
    expect(new URL((await answer.json()).url).searchParams.get('error')).toBe(options.SIGN_IN_UNAVAILABLE);
  });

  it('leaves a wrong password (401) and a lock (401) as they are', async () => {
    for (const error of ['CredentialsSignin', options.SIGN_IN_THROTTLED]) {
      const answer = await authRequest.unavailableAsServiceUnavailable(nextAuthAnswer(error));
      expect([answer.status, answer.headers.get('retry-after')]).toEqual([401, null]);
    }
  });
});
