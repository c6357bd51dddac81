/**
 * Refused requests must not become storage. The no-JavaScript comment form shows a reader's text back
 * after a mistake; thousands of refused 30 KB form posts — from one address, or each from its own —
 * must leave the site's data folder (the SQLite file, its -wal and -shm) within 1 MB of where it was,
 * write no row, and leave the site answering. A reader's ordinary mistake still comes back with their
 * text (a few thousand characters of Russian), however many refusals came before it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { type Site, startSite } from '../lib/testing/server';
import { from, newReader, readerIp } from './support/comments';
import { databaseFile, openReadOnly } from './support/hostile';

const ARTICLE = 'galkynys-gas-turkmenistan-uzbekistan';
const RUSSIAN_ARTICLE = 'voda-syrdari-kazakhstan-kyrgyzstan-uzbekistan';
const POSTS = 3000;
const IN_FLIGHT = 16;
const MB = 1024 * 1024;

// A server of this spec's own (same build): what its data folder holds is this spec's doing alone.
let site: Site;
let BASE_URL: string;
test.beforeAll(async () => {
  site = await startSite({ env: { TRUST_PROXY: '1' } });
  BASE_URL = site.url;
});
test.afterAll(async () => {
  await site?.stop();
});

/** Bytes of every file in the site's data folder: the database, its -wal and -shm, the secret. */
function dataFolderBytes(dir = site.dataDir): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** Rows of a table in the site's database. */
const rows = (table: 'comments' | 'comment_flash') => {
  const db = openReadOnly(databaseFile(site.dataDir));
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};
const flashRows = () => rows('comment_flash');
const totalRows = async () => rows('comments');

/** A random, incompressible string of `length` URL-safe characters. */
const noise = (length: number) => Buffer.from(Array.from({ length }, () => Math.floor(Math.random() * 256))).toString('base64url').slice(0, length);

/** A refused form post of about 30 KB: five fields of 6,000 characters, each one invalid. */
function refusedForm(): string {
  return new URLSearchParams({
    article: ARTICLE,
    parentId: noise(6000),
    name: noise(6000),
    email: noise(6000),
    url: noise(6000),
    body: noise(6000),
    token: 'x',
    address: '',
  }).toString();
}

/** Sends `count` refused form posts, `IN_FLIGHT` at a time, from `ipFor(i)`; returns how many got each status, and the longest cookie set. */
async function flood(count: number, ipFor: (i: number) => string): Promise<{ statuses: Record<number, number>; longestCookie: number }> {
  const statuses: Record<number, number> = {};
  let longestCookie = 0;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const response = await fetch(`${BASE_URL}/api/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...from(ipFor(i)) },
        body: refusedForm(),
        redirect: 'manual',
      });
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      for (const cookie of response.headers.getSetCookie()) longestCookie = Math.max(longestCookie, Buffer.byteLength(cookie));
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return { statuses, longestCookie };
}

/** Floods, then checks the data folder, the stored rows and that an article is still served. */
async function expectNoGrowth(label: string, ipFor: (i: number) => string): Promise<void> {
  const rowsBefore = await totalRows();
  const flashesBefore = flashRows();
  const before = dataFolderBytes();
  const started = Date.now();
  const { statuses, longestCookie } = await flood(POSTS, ipFor);
  const seconds = (Date.now() - started) / 1000;
  const grown = dataFolderBytes() - before;
  console.log(
    `${label}: ${POSTS} refused ~30 KB posts in ${seconds.toFixed(1)} s, answers ${JSON.stringify(statuses)}, ` +
      `data folder +${grown} bytes (${(grown / MB).toFixed(2)} MB), longest Set-Cookie ${longestCookie} bytes`,
  );

  expect(statuses, 'every refused form post is sent back to the form with 303').toEqual({ 303: POSTS });
  expect(longestCookie, 'what is sent back fits in one cookie a browser keeps').toBeLessThanOrEqual(4096);
  expect(grown, `the data folder grew by ${(grown / MB).toFixed(2)} MB`).toBeLessThan(MB);
  expect(flashRows(), 'no form failure is written to the database').toBe(flashesBefore);
  expect(await totalRows(), 'no comment is stored').toBe(rowsBefore);
  const article = await fetch(`${BASE_URL}/articles/${ARTICLE}`);
  expect(article.status, 'the site still answers').toBe(200);
}

test('3,000 refused 30 KB form posts from one address grow the data folder by under 1 MB and the site still answers', async ({}, testInfo) => {
  test.setTimeout(240_000);
  const ip = readerIp(testInfo);
  await expectNoGrowth('one address', () => ip);
});

test('3,000 refused 30 KB form posts, each from its own address, grow the data folder by under 1 MB and the site still answers', async () => {
  test.setTimeout(240_000);
  await expectNoGrowth('3,000 addresses', (i) => `10.${200 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`);
});

test('after the floods, a reader’s mistake with 3,000 characters of Russian comes back on the form with their text', async ({ playwright }, testInfo) => {
  const article = fs.readFileSync(path.join('content/articles', `${RUSSIAN_ARTICLE}.md`), 'utf8');
  const body = article.split('---')[2]!.replace(/\s+/g, ' ').trim().slice(0, 3000);
  const reader = newReader('Storage Reader', true);
  const context = await playwright.request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: from(readerIp(testInfo)) });
  const refused = await context.post('/api/comments', {
    form: { article: RUSSIAN_ARTICLE, name: reader.name, email: 'not-an-email', url: reader.url!, body, token: 'x', address: '' },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(303);
  const location = refused.headers()['location']!;
  expect(location).toMatch(new RegExp(`^/articles/${RUSSIAN_ARTICLE}/respond\\?f=[A-Za-z0-9_-]+#respond$`));

  const page = await context.get(location);
  expect(page.status()).toBe(200);
  const html = await page.text();
  expect(html, 'the comment is kept').toContain(body);
  expect(html, 'the name is kept').toContain(reader.name);
  expect(html, 'the wrong email is shown back to be fixed').toContain('value="not-an-email"');
  expect(html).toContain('Please enter a valid email address');
  await context.dispose();
});

test('a comment too long to keep in the cookie is left out, with a notice, while the other fields and the errors come back', async ({ playwright }, testInfo) => {
  const reader = newReader('Storage Long', true);
  const context = await playwright.request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: from(readerIp(testInfo)) });
  const refused = await context.post('/api/comments', {
    form: { article: ARTICLE, name: reader.name, email: 'not-an-email', url: reader.url!, body: noise(4900), token: 'x', address: '' },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(303);
  const html = await (await context.get(refused.headers()['location']!)).text();
  expect(html).toContain('Some of what you wrote was too long for us to keep while you correct the form.');
  expect(html, 'the name is kept').toContain(reader.name);
  expect(html).toContain('Please enter a valid email address');
  expect(html).not.toContain('This form has expired');
  await context.dispose();
});
