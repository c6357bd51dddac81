/**
 * Reader pages without Next's client runtime (issue 16; lib/server/client-runtime.mjs): every reader page type is
 * sent with no script but its JSON-LD and, where a form asks for it, the site's own public/reader.js — in the HTML
 * and on the wire in Chromium — while editors' pages, RSC requests and a server started with READER_RUNTIME=next
 * keep what Next sends. What the script does (the enhanced comment form, as-you-type search) is comments-js.spec.ts
 * and search.spec.ts.
 */
import { expect, test } from '@playwright/test';
import { startSite, type Site } from '../lib/testing/server';
import { PAGE_TYPES, SEED_SLUG } from './support/pages';

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const READER_SCRIPT = /^\/reader\.js\?v=[0-9a-f]{12}$/;

/** The page's script elements, as the attributes and text of each. */
function scriptsOf(html: string): { attributes: string; text: string }[] {
  return [...html.matchAll(SCRIPT)].map(([, attributes = '', text = '']) => ({ attributes, text }));
}

test('every reader page type carries no script but its JSON-LD and the reader script, and no script preload', async ({ request }) => {
  for (const { name, path, status } of PAGE_TYPES) {
    const response = await request.get(path);
    expect(response.status(), name).toBe(status ?? 200);
    const html = await response.text();
    for (const { attributes, text } of scriptsOf(html)) {
      if (/type="application\/ld\+json"/.test(attributes)) {
        expect(() => JSON.parse(text), `${name}: JSON-LD`).not.toThrow();
        continue;
      }
      expect(attributes, `${name}: the only script that runs is the reader script`).toMatch(/^ async="" src="[^"]+"$/);
      expect(/src="([^"]+)"/.exec(attributes)![1], name).toMatch(READER_SCRIPT);
      expect(text, name).toBe('');
    }
    expect(html, `${name}: no RSC payload`).not.toContain('self.__next_f');
    expect(html, `${name}: no script preload`).not.toMatch(/<link[^>]+(rel="modulepreload"|as="script")/);
  }
});

test('the reader script is there exactly where a form asks for it: the article and search pages', async ({ request }) => {
  const hasReaderScript = async (path: string) => /<script async="" src="\/reader\.js\?v=/.test(await (await request.get(path)).text());
  expect(await hasReaderScript(`/articles/${SEED_SLUG}`), 'article (comment form)').toBe(true);
  expect(await hasReaderScript('/search?q=water'), 'search (live results)').toBe(true);
  expect(await hasReaderScript('/'), 'home').toBe(false);
  expect(await hasReaderScript('/tag/kg'), 'tag').toBe(false);
  const script = await request.get((/src="(\/reader\.js\?v=[^"]+)"/.exec(await (await request.get('/search')).text()) ?? [])[1]!);
  expect(script.status()).toBe(200);
  expect(script.headers()['content-type']).toMatch(/javascript/);
  expect((await script.body()).length, 'the whole of what JavaScript adds, unminified').toBeLessThan(16 * 1024);
});

test('in Chromium an article loads one script, the reader script, and a home page none', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname + new URL(r.url()).search);
  });
  await page.goto(`/articles/${SEED_SLUG}`);
  await page.waitForLoadState('networkidle');
  expect(scripts).toHaveLength(1);
  expect(scripts[0]).toMatch(READER_SCRIPT);
  await expect(page.locator('form#respond'), 'the script ran').toHaveAttribute('novalidate', '');
  scripts.length = 0;
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  expect(scripts).toEqual([]);
});

test("editors' pages and Next's own RSC requests keep what Next sends", async ({ request }) => {
  const login = await (await request.get('/editor/login')).text();
  expect(login).toMatch(/<script src="\/_next\/static\/chunks\/[^"]+\.js"/);
  expect(login).toContain('self.__next_f');
  const rsc = await request.get(`/articles/${SEED_SLUG}`, { headers: { RSC: '1' } });
  expect(rsc.status()).toBe(200);
  expect(rsc.headers()['content-type']).toMatch(/^text\/x-component/);
});

test.describe('READER_RUNTIME=next', () => {
  let server: Site;
  test.beforeAll(async () => {
    server = await startSite({ env: { READER_RUNTIME: 'next' } });
  });
  test.afterAll(async () => server?.stop());

  test('sends reader pages as Next renders them, its runtime included', async ({ request }) => {
    const html = await (await request.get(`http://127.0.0.1:${server.port}/articles/${SEED_SLUG}`)).text();
    expect(html).toMatch(/<script src="\/_next\/static\/chunks\/[^"]+\.js"/);
    expect(html).toContain('self.__next_f');
    expect(html, 'the reader script is still there').toMatch(/<script async="" src="\/reader\.js\?v=/);
  });

  test('a value that is neither none nor next stops the server with a message naming it', async () => {
    await expect(startSite({ env: { READER_RUNTIME: 'off' }, readyTimeoutMs: 20_000 })).rejects.toThrow(/READER_RUNTIME must be none/);
  });
});
