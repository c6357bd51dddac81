/**
 * Stored XSS: every payload of e2e/fixtures/xss-payloads.json (script tags, event handlers,
 * javascript: and data: URLs, SVG, broken markup, comments, entity tricks, bidi and zero-width
 * characters, endless words, emoji runs, RTL text) is posted as a comment's body, name and website,
 * approved with the operators' CLI (npm run comments -- approve), and the article page is opened
 * in Chromium with JavaScript on and off, at 375 and 1280 px. No dialog opens, no payload code runs,
 * no element or attribute of a payload reaches the DOM, every link is http(s) with rel nofollow
 * ugc, the text reads exactly as stored, and nothing sticks out of the article column.
 * Afterwards the CLI moves the comments to the trash, so the article is as other specs expect it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { closeStore, formToken, readerIp, RUN } from './support/comments';
import { openReadOnly } from './support/hostile';

const ARTICLE = 'rogun-dam-tajikistan-vakhsh';
const CORPUS: { kind: string; payload: string }[] = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'xss-payloads.json'), 'utf8'));
const KINDS = ['script tag', 'event handler', 'javascript: URL', 'data: URL', 'SVG and MathML', 'broken markup', 'comment', 'entity trick', 'bidi and zero-width', 'long word', 'emoji run', 'RTL text'];

type Vector = 'body' | 'name' | 'url' | 'url-query';
interface Submission {
  index: number;
  vector: Vector;
  status: number;
  id?: string;
  refusedField?: string;
}

const submissions: Submission[] = [];
let db: Database.Database;

/** Runs the operators' CLI as an operator would, against the site's own database. */
function commentsCli(...args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'scripts/comments.ts', ...args], { env: process.env, encoding: 'utf8', timeout: 60_000 });
}

const approvedIds = () => submissions.flatMap((s) => (s.id ? [s.id] : []));

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }, testInfo) => {
  test.setTimeout(180_000);
  const token = await formToken(request);
  let n = 0;
  for (const [index, { payload }] of CORPUS.entries()) {
    const base = { article: ARTICLE, email: `xss-${RUN}-${index}@example.com`, token, address: '' };
    const variants: [Vector, Record<string, string>][] = [
      ['body', { ...base, name: `XSS body ${index}`, body: `XSS ${index}: ${payload}`.slice(0, 4900) }],
      ['name', { ...base, email: `xss-name-${RUN}-${index}@example.com`, name: [...payload].slice(0, 80).join(''), body: `Name vector ${index}.` }],
      ['url', { ...base, email: `xss-url-${RUN}-${index}@example.com`, name: `XSS url ${index}`, url: payload, body: `URL vector ${index}.` }],
      ['url-query', { ...base, email: `xss-urlq-${RUN}-${index}@example.com`, name: `XSS url query ${index}`, url: `https://xss.example/p?x=${payload}`.slice(0, 200), body: `URL query vector ${index}.` }],
    ];
    for (const [vector, data] of variants) {
      const response = await request.post('/api/comments', { data, headers: { 'x-forwarded-for': readerIp(testInfo, n++) }, maxRedirects: 0 });
      const json = (await response.json()) as { id?: string; error?: { fields?: Record<string, string> } };
      submissions.push({ index, vector, status: response.status(), id: json.id, refusedField: Object.keys(json.error?.fields ?? {}).join(',') || undefined });
    }
  }
  const output = commentsCli('approve', ...approvedIds());
  for (const id of approvedIds()) expect(output, `the CLI approved ${id}`).toContain(`${id}: pending → approved`);
  expect(output).toContain(`site refreshed /articles/${ARTICLE}`);
  db = openReadOnly();
});

test.afterAll(async () => {
  db?.close();
  if (approvedIds().length > 0) commentsCli('trash', ...approvedIds());
  await closeStore();
});

test('the corpus holds at least 100 payloads, of every kind', () => {
  expect(CORPUS.length).toBeGreaterThanOrEqual(100);
  expect([...new Set(CORPUS.map((p) => p.kind))].sort()).toEqual(expect.arrayContaining(KINDS.sort()));
  expect(new Set(CORPUS.map((p) => p.payload)).size, 'no payload twice').toBe(CORPUS.length);
});

test('every payload is stored as plain text (201) or refused with 400 naming the field it was in — never a 5xx', () => {
  const tally: Record<string, string> = {};
  for (const vector of ['body', 'name', 'url', 'url-query'] as Vector[]) {
    const mine = submissions.filter((s) => s.vector === vector);
    tally[vector] = `${mine.filter((s) => s.status === 201).length} stored, ${mine.filter((s) => s.status === 400).length} refused`;
  }
  console.log(`[xss] ${CORPUS.length} payloads × 4 fields: ${JSON.stringify(tally)}`);
  for (const s of submissions) {
    expect([201, 400], `payload ${s.index} as ${s.vector}`).toContain(s.status);
    if (s.status === 400) expect(s.refusedField, `payload ${s.index} as ${s.vector} is refused for that field`).toBe(s.vector === 'url-query' ? 'url' : s.vector);
  }
  // Every body is accepted as text: refusing markup would not be escaping it.
  expect(submissions.filter((s) => s.vector === 'body' && s.status !== 201)).toEqual([]);
  // No javascript: or data: website is ever stored.
  for (const s of submissions.filter((x) => x.vector === 'url' && x.id)) {
    const url = (db.prepare('SELECT author_url FROM comments WHERE id = ?').get(s.id) as { author_url: string }).author_url;
    expect(url, `payload ${s.index} as a website`).toMatch(/^https?:\/\//);
  }
});

interface Watch {
  dialogs: string[];
  errors: string[];
}

/** Opens the article with watchers for dialogs, console errors and the payloads' window flag. */
async function openArticle(browser: Browser, javaScriptEnabled: boolean, width: number): Promise<{ page: Page; watch: Watch; close: () => Promise<void> }> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width, height: 900 } });
  const page = await context.newPage();
  const watch: Watch = { dialogs: [], errors: [] };
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    // The site has no favicon (yet): the browser's own request for one is not the page's doing.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) watch.errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) watch.errors.push(`${response.status()} ${response.url()}`);
  });
  // Payloads set window.__xss (or parent.__xss); count every attempt, even one undone later.
  await page.addInitScript(() => {
    Object.defineProperty(window, '__xss', {
      configurable: false,
      get: () => undefined,
      set: () => {
        (window as unknown as { __xssHits?: number }).__xssHits = ((window as unknown as { __xssHits?: number }).__xssHits ?? 0) + 1;
      },
    });
  });
  const response = await page.goto(`/articles/${ARTICLE}`);
  expect(response?.status()).toBe(200);
  await page.evaluate(() => document.fonts.ready);
  if (javaScriptEnabled) await page.waitForLoadState('networkidle');
  return { page, watch, close: () => context.close() };
}

/** What the DOM holds that a payload could have put there. */
function inspectDom(article: string) {
  const list = document.querySelector('#comments .comment-list');
  if (!list) return { ids: [], foreign: ['no comment list'], handlers: [], styled: [], scripts: 0, badLinks: [], dangerous: [] };
  const allowed = new Set(['LI', 'ARTICLE', 'HEADER', 'SPAN', 'A', 'TIME', 'DIV', 'P', 'BR', 'OL']);
  const foreign = [...list.querySelectorAll('*')].filter((el) => !allowed.has(el.tagName)).map((el) => el.outerHTML.slice(0, 120));
  const handlers = [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `<${el.tagName.toLowerCase()} ${a.name}>`));
  const styled = [...list.querySelectorAll('[style], [srcdoc], [formaction], [xlink\\:href], [background], [poster], [src]')].map((el) => el.outerHTML.slice(0, 120));
  const internal = new RegExp(`^(?:#comment-[A-Za-z0-9_-]+|/articles/${article}/respond\\?replyto=[A-Za-z0-9_-]+#respond)$`);
  const badLinks = [...list.querySelectorAll('a')]
    .filter((a) => {
      const href = a.getAttribute('href') ?? '';
      if (internal.test(href)) return false;
      let url: URL;
      try {
        url = new URL(href);
      } catch {
        return true;
      }
      const rel = (a.getAttribute('rel') ?? '').split(/\s+/);
      return !['http:', 'https:'].includes(url.protocol) || !rel.includes('nofollow') || !rel.includes('ugc') || a.hasAttribute('target');
    })
    .map((a) => a.outerHTML.slice(0, 160));
  const dangerous = [...document.querySelectorAll('base, meta[http-equiv], iframe, object, embed, frame, plaintext, xmp, template, body form:not(#respond) input[type=password]')].map((el) => el.outerHTML.slice(0, 120));
  return { ids: [...list.querySelectorAll('li.comment')].map((li) => li.id.replace(/^comment-/, '')), foreign, handlers, styled, scripts: document.querySelectorAll('#comments script').length, badLinks, dangerous };
}

/** Where comments stick out: of the page, of the article column, or of their own boxes. */
function inspectLayout() {
  const root = document.documentElement;
  const column = document.querySelector('article.article')!.getBoundingClientRect();
  const describe = (el: Element) => `${el.tagName.toLowerCase()}.${el.className} #${el.closest('li')?.id ?? ''}`;
  const outside = [...document.querySelectorAll('#comments li.comment, #comments .comment__meta, #comments .comment__body, #comments .comment__author')]
    .filter((el) => {
      const box = el.getBoundingClientRect();
      return box.left < column.left - 1 || box.right > column.right + 1;
    })
    .map(describe);
  const overflowing = [...document.querySelectorAll('#comments .comment__meta, #comments .comment__body, #comments .comment__body p, #comments .comment__author')]
    .filter((el) => el.scrollWidth > el.clientWidth + 1)
    .map(describe);
  return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, outside: outside.slice(0, 8), overflowing: overflowing.slice(0, 8) };
}

for (const javaScriptEnabled of [true, false]) {
  for (const width of [375, 1280]) {
    test(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}, ${width} px: no dialog, no payload code, no payload element or attribute, only http(s) links with rel nofollow ugc, nothing sticks out`, async ({ browser }) => {
      test.setTimeout(120_000);
      const { page, watch, close } = await openArticle(browser, javaScriptEnabled, width);
      try {
        // Give onerror/onload/ontoggle handlers every chance to fire, then scroll the whole list into view.
        await page.locator('#comments').scrollIntoViewIfNeeded();
        await page.mouse.move(width / 2, 300);
        await page.waitForTimeout(500);
        const dom = await page.evaluate(inspectDom, ARTICLE);
        const layout = await page.evaluate(inspectLayout);
        const hits = await page.evaluate(() => (window as unknown as { __xssHits?: number }).__xssHits ?? 0);
        console.log(`[xss] JS ${javaScriptEnabled ? 'on' : 'off'} ${width}px: ${dom.ids.length} comments, page ${layout.scrollWidth}/${layout.clientWidth}px wide`);
        // Other specs may have left approved comments on this article too: all of ours must be there.
        expect.soft(approvedIds().filter((id) => !dom.ids.includes(id)), 'every approved payload comment is on the page').toEqual([]);
        expect.soft(watch.dialogs, 'no dialog opened').toEqual([]);
        expect.soft(hits, 'no payload set window.__xss').toBe(0);
        expect.soft(watch.errors, 'no console errors').toEqual([]);
        expect.soft(dom.scripts, 'no <script> in the comments').toBe(0);
        expect.soft(dom.foreign, 'no element from a payload in the comment list').toEqual([]);
        expect.soft(dom.handlers, 'no event-handler attribute anywhere').toEqual([]);
        expect.soft(dom.styled, 'no style/src/formaction attributes in the comment list').toEqual([]);
        expect.soft(dom.badLinks, 'links are http(s), rel nofollow ugc, no target').toEqual([]);
        expect.soft(dom.dangerous, 'no base, meta refresh, frame, object or injected form field').toEqual([]);
        expect.soft(layout.scrollWidth, 'no horizontal scroll').toBeLessThanOrEqual(layout.clientWidth);
        expect.soft(layout.outside, 'comments stay inside the article column').toEqual([]);
        expect.soft(layout.overflowing, 'no comment text overflows its box').toEqual([]);
      } finally {
        await close();
      }
    });
  }
}

test('each comment reads exactly as stored: markup shows as text, not removed and not run', async ({ browser }) => {
  const { page, close } = await openArticle(browser, false, 1280);
  try {
    const shown = await page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('#comments li.comment')].map((li) => [
          li.id.replace(/^comment-/, ''),
          { name: li.querySelector(':scope > article .comment__author')?.textContent ?? '', body: li.querySelector(':scope > article .comment__body')?.textContent ?? '' },
        ]),
      ),
    );
    const squash = (text: string) => text.replace(/\s+/g, '');
    let checked = 0;
    for (const id of approvedIds()) {
      const row = db.prepare('SELECT author_name, body FROM comments WHERE id = ?').get(id) as { author_name: string; body: string };
      expect(shown[id], `comment ${id} is shown`).toBeTruthy();
      expect(squash(shown[id]!.name), `the name of ${id}`).toBe(squash(row.author_name));
      expect(squash(shown[id]!.body), `the text of ${id}`).toBe(squash(row.body));
      checked++;
    }
    // The payloads arrived whole: a body that lost its markup would not contain it.
    const scriptBody = submissions.find((s) => s.vector === 'body' && s.index === 0)!;
    expect(shown[scriptBody.id!]!.body).toContain('<script>window.__xss=1;alert(1)</script>');
    console.log(`[xss] ${checked} comments read exactly as stored`);
  } finally {
    await close();
  }
});

test('replying to a hostile name shows it as text: in place with JavaScript, and on the respond page without', async ({ browser }) => {
  const named = submissions.filter((s) => s.vector === 'name' && s.id && /[<&"']|script|on\w+=/.test(CORPUS[s.index]!.payload)).slice(0, 6);
  expect(named.length).toBeGreaterThan(3);
  const { page, watch, close } = await openArticle(browser, true, 1280);
  try {
    for (const s of named) {
      const name = (db.prepare('SELECT author_name FROM comments WHERE id = ?').get(s.id) as { author_name: string }).author_name;
      await page.locator(`li#comment-${s.id} > article a.comment__reply`).click();
      await expect(page.locator('#respond-heading')).toHaveText(`Reply to ${name}`);
      expect(await page.locator('form#respond').evaluate((form) => form.querySelectorAll('img, svg, script, iframe, [onerror], [onload]').length)).toBe(0);
    }
    expect(watch.dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xssHits?: number }).__xssHits ?? 0)).toBe(0);
  } finally {
    await close();
  }
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await noJs.newPage();
    for (const s of named.slice(0, 4)) {
      const name = (db.prepare('SELECT author_name FROM comments WHERE id = ?').get(s.id) as { author_name: string }).author_name;
      const response = await page.goto(`/articles/${ARTICLE}/respond?replyto=${s.id}#respond`);
      expect(response?.status()).toBe(200);
      await expect(page.locator('#respond-heading')).toHaveText(`Reply to ${name}`);
      expect(await page.evaluate(() => document.querySelectorAll('#respond img, #respond svg, #respond script, [onerror], [onload]').length)).toBe(0);
    }
  } finally {
    await noJs.close();
  }
});
