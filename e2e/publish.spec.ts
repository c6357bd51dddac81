/**
 * Publishing without a rebuild (README "Publishing"): against a copy of the production build served by its own
 * server, a new, a changed, a withdrawn and a scheduled story go live with `npm run publish` (the scheduled one by
 * itself), on every output a reader or a crawler meets; a content problem changes nothing; drafts stay out.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { decodeHTML } from 'entities';
import Parser from 'rss-parser';
import { ROOT } from './support/content';
import { type Site, startSite } from '../lib/testing/server';
import { copySite, type SiteCopy } from '../lib/testing/site-copy';

test.describe.configure({ mode: 'serial' });

let site: SiteCopy;
let server: Site;
let base: string;
let api: APIRequestContext;

const RUN = Date.now().toString(36);
const NEW = `publish-new-${RUN}`;
const MARK = `zzpublishmark${RUN}`;
const DRAFT_MARK = `zzdraftmark${RUN}`;

test.beforeAll(async ({ playwright }) => {
  site = copySite('publish');
  server = await startSite({ cwd: site.root, env: { TRUST_PROXY: '0', CONTENT_DIR: site.contentDir } });
  base = `http://127.0.0.1:${server.port}`;
  api = await playwright.request.newContext({ baseURL: base });
});
test.afterAll(async () => {
  await api?.dispose();
  await server?.stop();
  site?.remove();
});

/** `npm run publish` (or another npm script) against the copy's server, as an operator runs it on the machine. */
function npmRun(script: string, ...args: string[]): { code: number | null; output: string } {
  const result = spawnSync('npx', ['tsx', `scripts/${script}.ts`, ...args], {
    cwd: ROOT,
    env: { ...process.env, CONTENT_DIR: site.contentDir, DATA_DIR: server.dataDir, SITE_ORIGIN: base },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}
const publish = () => npmRun('publish');

const story = (overrides: Record<string, unknown> = {}) => ({
  title: `Aktau transit deal signed ${RUN}`,
  summary: 'Five ministers sign a Middle Corridor transit agreement.',
  date: new Date(Date.now() - 60_000).toISOString(),
  author: 'aigerim-sadykova',
  categories: ['economy'],
  tags: ['KZ'],
  status: 'published',
  ...overrides,
});
const BODY = `The ministers signed the Aktau agreement on rail and ferry transit. ${MARK}.`;

const text = async (p: string) => {
  const response = await api.get(p);
  return { status: response.status(), body: await response.text(), headers: response.headers() };
};
const feedTitles = async (p: string) => {
  const { body } = await text(p);
  if (p.endsWith('.json')) return (JSON.parse(body) as { items: { title: string }[] }).items.map((i) => i.title);
  return ((await new Parser().parseString(body)).items ?? []).map((i) => i.title ?? '');
};
const jsonLd = (html: string) => JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!) as Record<string, unknown>[];
const cardPath = (html: string) => /<meta property="og:image" content="[^"]*?(\/og\/[^"]+\.png)"/.exec(html)![1]!;
const everyList = () => ['/', '/category/economy', '/tag/kz', '/author/aigerim-sadykova', `/archive/${new Date().getUTCFullYear()}`];
const everyFeed = () => ['/feed.xml', '/atom.xml', '/feed.json', '/category/economy/feed.xml', '/tag/kz/atom.xml', '/tag/kz/feed.json'];

test('a new article is on its page, every list, feed, sitemap, search, card and JSON-LD after one npm run publish', async () => {
  expect((await text(`/articles/${NEW}`)).status).toBe(404);
  const previousNewest = /href="\/articles\/([^"]+)"/.exec((await text('/')).body)![1]!;
  site.writeArticle(NEW, story(), BODY);
  const run = publish();
  expect(run.code, run.output).toBe(0);
  expect(run.output).toMatch(/1 added, 0 changed, 0 withdrawn/);
  expect(run.output).toContain(`+ /articles/${NEW}`);

  const page = await text(`/articles/${NEW}`);
  expect(page.status).toBe(200);
  expect(page.body).toContain(`Aktau transit deal signed ${RUN}`);
  expect(page.body).toContain(MARK);
  expect(jsonLd(page.body).find((item) => item['@type'] === 'NewsArticle')).toMatchObject({ headline: `Aktau transit deal signed ${RUN}` });
  const card = await api.get(cardPath(page.body));
  expect(card.status()).toBe(200);
  expect(card.headers()['content-type']).toBe('image/png');
  for (const list of everyList()) expect((await text(list)).body, list).toContain(`/articles/${NEW}`);
  for (const feed of everyFeed()) expect(await feedTitles(feed), feed).toContain(`Aktau transit deal signed ${RUN}`);
  for (const map of ['/sitemap.xml', '/news-sitemap.xml']) expect((await text(map)).body, map).toContain(`/articles/${NEW}<`);
  expect((await text(`/search?q=${MARK}`)).body).toContain(`/articles/${NEW}`);
  const found = (await (await api.get(`/api/search?q=${MARK}`)).json()) as { results: { slug: string }[] };
  expect(found.results.map((r) => r.slug)).toEqual([NEW]);
  // Its neighbour, the newest story until now, links to it as the newer one.
  expect((await text(`/articles/${previousNewest}`)).body).toContain(`/articles/${NEW}`);
});

test('a changed headline, body and tags show everywhere, the card moves to a new address, and dateModified follows updated', async () => {
  const before = await text(`/articles/${NEW}`);
  const oldCard = cardPath(before.body);
  const updated = new Date().toISOString();
  site.writeArticle(NEW, story({ title: `Aktau deal corrected ${RUN}`, tags: ['KZ', 'UZ'], updated }), `${BODY} Corrected: six ministers signed.`);
  const run = publish();
  expect(run.code, run.output).toBe(0);
  expect(run.output).toMatch(/0 added, 1 changed, 0 withdrawn/);

  const page = await text(`/articles/${NEW}`);
  expect(page.body).toContain(`Aktau deal corrected ${RUN}`);
  expect(page.body).toContain('six ministers signed');
  const article = jsonLd(page.body).find((item) => item['@type'] === 'NewsArticle')!;
  expect(Date.parse(String(article.dateModified))).toBe(Date.parse(updated));
  const newCard = cardPath(page.body);
  expect(newCard).not.toBe(oldCard);
  expect((await api.get(newCard)).status()).toBe(200);
  expect((await api.get(oldCard)).status()).toBe(404);
  expect((await text('/tag/uz')).body).toContain(`/articles/${NEW}`);
  expect(await feedTitles('/feed.xml')).toContain(`Aktau deal corrected ${RUN}`);
  expect(await feedTitles('/feed.xml')).not.toContain(`Aktau transit deal signed ${RUN}`);
  expect((await text('/')).body).not.toContain(`Aktau transit deal signed ${RUN}`);
});

test('a withdrawn article is 404 and gone from every list, feed, sitemap and search; its approved comment is kept and returns with it', async () => {
  const posted = await api.post('/api/comments', {
    form: { article: NEW, name: 'Publish Reader', email: `reader-${RUN}@example.com`, body: `A reader's view ${RUN}.`, token: (await (await api.get('/api/comments/token')).json()).token, address: '' },
    maxRedirects: 0,
  });
  expect(posted.status()).toBe(303);
  const pending = npmRun('comments', 'list', '--status', 'pending');
  const id = new RegExp(`^(\\S+)\\s.*${NEW}`, 'm').exec(pending.output)?.[1];
  expect(id, pending.output).toBeTruthy();
  expect(npmRun('comments', 'approve', id!).code).toBe(0);
  // The page's text, character references decoded (React writes the apostrophe as &#x27;).
  await expect.poll(async () => decodeHTML((await text(`/articles/${NEW}`)).body)).toContain(`A reader's view ${RUN}.`);

  const saved = fs.readFileSync(path.join(site.articlesDir, `${NEW}.md`), 'utf8');
  site.removeArticle(NEW);
  const run = publish();
  expect(run.code, run.output).toBe(0);
  expect(run.output).toMatch(/0 added, 0 changed, 1 withdrawn/);
  expect((await text(`/articles/${NEW}`)).status).toBe(404);
  for (const list of [...everyList(), '/tag/uz']) expect((await text(list)).body, list).not.toContain(`/articles/${NEW}`);
  for (const feed of everyFeed()) expect(await feedTitles(feed), feed).not.toContain(`Aktau deal corrected ${RUN}`);
  for (const map of ['/sitemap.xml', '/news-sitemap.xml']) expect((await text(map)).body, map).not.toContain(`/articles/${NEW}<`);
  expect((await text(`/search?q=${MARK}`)).body).not.toContain(`/articles/${NEW}`);
  expect(npmRun('comments', 'list', '--status', 'approved').output, 'the approved comment is still stored').toContain(id!);

  fs.writeFileSync(path.join(site.articlesDir, `${NEW}.md`), saved);
  const again = publish();
  expect(again.output).toMatch(/1 added/);
  const back = await text(`/articles/${NEW}`);
  expect(back.status).toBe(200);
  expect(decodeHTML(back.body)).toContain(`A reader's view ${RUN}.`);
});

test('a set to draft is a withdrawal, and a content problem publishes nothing: the command names file, field and reason and exits 1', async () => {
  site.writeArticle(NEW, story({ title: `Aktau deal corrected ${RUN}`, status: 'draft' }), `${BODY} ${DRAFT_MARK}`);
  const other = `publish-other-${RUN}`;
  site.writeArticle(other, story({ title: `Another story ${RUN}` }), 'Valid on its own.');
  site.writeArticle(`publish-bad-${RUN}`, story({ author: 'nobody-at-all' }), 'Names an author who does not exist.');
  const refused = publish();
  expect(refused.code, refused.output).toBe(1);
  expect(refused.output).toContain(`content/articles/publish-bad-${RUN}.md: author "nobody-at-all" is not in`);
  expect(refused.output).toMatch(/nothing was published/);
  expect((await text(`/articles/${other}`)).status, 'the valid new story did not go live either').toBe(404);
  expect((await text(`/articles/${NEW}`)).status, 'the story set to draft is still live until a publish succeeds').toBe(200);

  site.removeArticle(`publish-bad-${RUN}`);
  const run = publish();
  expect(run.code, run.output).toBe(0);
  expect(run.output).toMatch(/1 added, 0 changed, 1 withdrawn/);
  expect((await text(`/articles/${NEW}`)).status).toBe(404);
  expect((await text(`/search?q=${DRAFT_MARK}`)).body).not.toContain(NEW);
});

test('a scheduled article stays 404 until its time, then goes live by itself on every output, with no command run', async () => {
  test.setTimeout(120_000);
  const slug = `publish-scheduled-${RUN}`;
  const at = Date.now() + 20_000;
  site.writeArticle(slug, story({ title: `Embargo lifted ${RUN}`, date: new Date(at).toISOString() }), `Embargoed text ${MARK}s.`);
  const run = publish();
  expect(run.code, run.output).toBe(0);
  expect(run.output).toMatch(/0 added, 0 changed, 0 withdrawn/);
  expect((await text(`/articles/${slug}`)).status).toBe(404);
  expect((await text('/')).body).not.toContain(slug);
  expect(await feedTitles('/feed.xml')).not.toContain(`Embargo lifted ${RUN}`);
  expect((await text(`/search?q=${MARK}s`)).body).not.toContain(slug);

  await expect.poll(async () => (await text(`/articles/${slug}`)).status, { timeout: 80_000, intervals: [1000] }).toBe(200);
  const liveAfter = Date.now() - at;
  console.log(`[publish] scheduled story live ${(liveAfter / 1000).toFixed(1)} s after its time`);
  expect(liveAfter).toBeGreaterThanOrEqual(0);
  expect((await text('/')).body).toContain(`/articles/${slug}`);
  expect(await feedTitles('/feed.xml')).toContain(`Embargo lifted ${RUN}`);
  expect((await text('/sitemap.xml')).body).toContain(`/articles/${slug}<`);
  expect((await text(`/search?q=${MARK}s`)).body).toContain(`/articles/${slug}`);
  expect(server.log()).toMatch(/"msg":"content published"[^\n]*"reason":"scheduled"/);
});

test('the published article reads and takes a comment with JavaScript off', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: base });
  const page = await context.newPage();
  await page.goto(`/articles/publish-other-${RUN}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Another story ${RUN}`);
  await expect(page.locator('form#respond')).toBeVisible();
  await context.close();
});

test('draft text is nowhere in the build output the server wrote after publishing', async () => {
  // The story set to draft above, with its marker, is still in content/: no public output names it.
  for (const p of ['/', ...everyList(), ...everyFeed(), '/sitemap.xml', '/news-sitemap.xml', `/articles/${NEW}`]) {
    expect((await text(p)).body, p).not.toContain(DRAFT_MARK);
  }
  // Search echoes the query itself: what matters is that nothing is found.
  expect(((await (await api.get(`/api/search?q=${DRAFT_MARK}`)).json()) as { total: number }).total).toBe(0);
  expect((await text(`/search?q=${DRAFT_MARK}`)).body).toContain('No articles match');
  const hits: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      // .next/node_modules links to installed packages: code, not output.
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) walk(file);
      else if (fs.readFileSync(file).includes(DRAFT_MARK)) hits.push(path.relative(site.root, file));
    }
  };
  walk(path.join(site.root, '.next'));
  expect(hits).toEqual([]);
  expect(server.log()).not.toContain(DRAFT_MARK);
});

test('watch mode publishes by itself about a second after a file changes, and an invalid save publishes nothing', async () => {
  const watcher = spawn(process.execPath, ['--import', 'tsx', 'scripts/publish.ts', '--watch'], { cwd: ROOT, env: { ...process.env, CONTENT_DIR: site.contentDir, DATA_DIR: server.dataDir, SITE_ORIGIN: base } });
  let output = '';
  watcher.stdout.on('data', (chunk: Buffer) => (output += chunk));
  watcher.stderr.on('data', (chunk: Buffer) => (output += chunk));
  try {
    await expect.poll(() => output, { timeout: 30_000 }).toContain('publish: watching');
    const slug = `publish-watched-${RUN}`;
    site.writeArticle(slug, story({ title: `Watched ${RUN}` }), 'Written while the watcher runs.');
    await expect.poll(async () => (await text(`/articles/${slug}`)).status, { timeout: 30_000 }).toBe(200);
    expect(output).toMatch(/publish: 1 added, 0 changed, 0 withdrawn/);
    site.writeArticle(slug, story({ title: `Watched, broken ${RUN}`, author: 'nobody-at-all' }), 'An invalid save.');
    await expect.poll(() => output, { timeout: 30_000 }).toContain(`content/articles/${slug}.md: author "nobody-at-all" is not in`);
    expect(output).toMatch(/nothing was published, the site is unchanged/);
    expect((await text(`/articles/${slug}`)).body).toContain(`Watched ${RUN}`);
  } finally {
    watcher.kill('SIGTERM');
  }
});
