/** Comment payloads and the public pages the scenarios check while the store is failing. */
import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { type Answer, request } from './server';

/** A published article with open comments. */
export const ARTICLE = 'china-kyrgyzstan-uzbekistan-railway';

export interface Payload {
  n: number;
  key: string;
  /** The reader's address (X-Forwarded-For; the servers run with TRUST_PROXY=1): one per payload, so no 429. */
  ip: string;
  body: string;
  json: string;
}

/** `count` distinct comments, each with its own Idempotency-Key and address; `marker` is in every body. */
export function payloads(count: number, token: string, marker: string, firstIp = 0): Payload[] {
  return Array.from({ length: count }, (_, n) => {
    const i = firstIp + n;
    const body = `Fault-run comment ${n} ${marker}: the line held.`;
    const data = { article: ARTICLE, name: `Load Reader ${n}`, email: `load-${n}-${marker}@example.com`, body, token, address: '' };
    return { n, key: randomUUID(), ip: `198.18.${Math.floor(i / 250)}.${(i % 250) + 1}`, body, json: JSON.stringify(data) };
  });
}

export const newMarker = () => `m${randomBytes(5).toString('hex')}`;

/** POST /api/comments with the payload's key and address. */
export function post(base: string, payload: Payload, timeoutMs = 30_000): Promise<Answer> {
  return request(base, 'POST', '/api/comments', {
    headers: { 'content-type': 'application/json', 'idempotency-key': payload.key, 'x-forwarded-for': payload.ip },
    body: payload.json,
    timeoutMs,
  });
}

/** A fresh form token from the server. */
export async function formToken(base: string): Promise<string> {
  const answer = await request(base, 'GET', '/api/comments/token');
  expect(answer.status).toBe(200);
  return (JSON.parse(answer.body) as { token: string }).token;
}

/** The comment id of a 201. */
export const idOf = (answer: Answer) => (JSON.parse(answer.body) as { id: string }).id;

/** Checks a 503 answer: Retry-After and the one error shape with code "unavailable". */
export function expectUnavailable(answer: Answer): void {
  expect(answer.status, answer.error ?? answer.body).toBe(503);
  expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(answer.body) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe('unavailable');
  expect(body.error.message.length).toBeGreaterThan(0);
}

/** The public addresses that must keep working while comments cannot be stored: an article, a feed, its social card. */
export async function publicPaths(base: string): Promise<string[]> {
  const page = await request(base, 'GET', `/articles/${ARTICLE}`);
  expect(page.status).toBe(200);
  const card = /<meta property="og:image" content="([^"]+)"/.exec(page.body)?.[1];
  expect(card, 'the article names its social card').toBeTruthy();
  return [`/articles/${ARTICLE}`, '/feed.xml', new URL(card!).pathname];
}

/** GETs each path; returns the answers. */
export async function fetchAll(base: string, paths: string[]): Promise<Answer[]> {
  return Promise.all(paths.map((p) => request(base, 'GET', p, { timeoutMs: 30_000 })));
}
