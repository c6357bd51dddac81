/**
 * The importer end to end below the site: a copy of the real content folder, the real comment store on each engine
 * (SQLite always, PostgreSQL when TEST_DATABASE_URL is set), no mocks. What a run writes, that a second run writes
 * nothing, that a dry run and a refused or failed run leave everything as it was, and how an edit is protected.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../content/load';
import { type DatabaseHandle, openDatabase } from '../../db/connect';
import { type TestDatabase, sqliteTestDatabase, testEngines } from '../../db/testing';
import { WxrError } from './parse';
import { importWordpress } from './run';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const OWN = path.join(import.meta.dirname, 'fixtures', 'central-asia.xml');
const UPLOADS = path.join(import.meta.dirname, 'fixtures', 'uploads');
const THEME = path.resolve(ROOT, '../shared/fixtures/wordpress/themeunittestdata.wordpress.xml');
const NOW = new Date('2026-12-01T00:00:00Z');

let site: string;
let contentDir: string;
let publicDir: string;

beforeEach(() => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'es-import-'));
  contentDir = path.join(site, 'content');
  publicDir = path.join(site, 'public');
  fs.cpSync(path.join(ROOT, 'content'), contentDir, { recursive: true });
  fs.cpSync(path.join(ROOT, 'public'), publicDir, { recursive: true });
});
afterEach(() => fs.rmSync(site, { recursive: true, force: true }));

/** Every file under the site folder with a hash of its bytes: "changes nothing" is this map staying equal. */
function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(site, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(site, file)] = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return out;
}
const run = (db: TestDatabase, options: Partial<Parameters<typeof importWordpress>[0]> = {}) =>
  importWordpress({ file: OWN, contentDir, publicDir, uploadsDir: UPLOADS, databaseUrl: db.url, now: NOW, ...options });
const library = () => loadLibrary({ contentDir, publicDir });
async function comments(db: TestDatabase) {
  const handle: DatabaseHandle = await openDatabase(db.url);
  try {
    return await handle.db.selectFrom('comments').selectAll().orderBy('depth').orderBy('created_at').execute();
  } finally {
    await handle.close();
  }
}

describe.each(testEngines)('import into content/ and the $name comment store', ({ make }) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await make();
  });
  afterEach(async () => db.drop());

  it('writes articles check-content accepts, with every status, slug, term, image and comment mapped', async () => {
    const report = await run(db);
    expect(report.articles).toMatchObject({ written: 11, conflicts: [], visibility: { published: 5, scheduled: 1, draft: 5 }, postTypes: { posts: 9, pages: 2 } });
    expect(report.skipped).toEqual({ 'status trash': 1, 'status auto-draft': 1, 'post type revision': 1, 'post type nav_menu_item': 1, 'post type attachment': 2 });
    expect(report.comments).toMatchObject({ imported: 11, status: { approved: 8, pending: 1, spam: 1, trash: 1 }, skipped: { pingback: 1, trackback: 1, 'on a post not imported': 1 } });
    expect(report.media.copied).toBe(2);
    expect(report.media.keptAsLinks).toEqual([{ url: 'https://cdn.example.net/remote.jpg', posts: ['10'] }]);

    const lib = library(); // throws ContentError, as check-content would fail, on any problem
    const bySlug = new Map(lib.articles.map((a) => [a.slug, a]));
    const water = bySlug.get('vodnye-resursy-syrdari')!;
    expect(water).toMatchObject({ title: 'Водные ресурсы Сырдарьи: кто получит воду летом', date: '2024-05-09T14:30:00+05:00', status: 'published' });
    expect(water.tags.map((t) => t.slug)).toEqual(['uz', 'kz']);
    expect(water.categories.map((c) => c.slug)).toEqual(['eurasia', 'water']);
    expect(water.hero).toMatchObject({ src: '/images/wp/2024/05/aral-sea.jpg', alt: 'Dry shore of the Aral Sea', caption: 'The Aral Sea shore in 2024', width: 30, height: 30 });
    expect(water.body).toContain('*Registan square in Samarkand*');
    expect(bySlug.get('qazaqstan-saylau')!.commentsOpen).toBe(false);
    expect(bySlug.get('turkmenistanyn-gaz-eksporty-we-ozbekiston')).toBeDefined();
    expect(bySlug.get('rogun-decision')).toMatchObject({ status: 'published', date: '2099-01-01T09:00:00+05:00' });
    for (const slug of ['aral-draft', 'pending-post', 'private-note', 'members-only', 'future-past']) expect(bySlug.get(slug)?.status, slug).toBe('draft');
    expect(bySlug.has('binned-post')).toBe(false);
    expect(lib.authors.get('aziz')).toMatchObject({ name: 'Aziz Karimov' });

    const everything = Object.keys(snapshot()).map((f) => fs.readFileSync(path.join(site, f), 'latin1')).join('\n');
    expect(everything).not.toContain('aziz.secret@mail.example');
    expect(everything).not.toMatch(/reader\d+@mail\.example|203\.0\.113\.7|198\.51\.100\.23/);

    const rows = await comments(db);
    expect(rows.filter((r) => r.article === 'vodnye-resursy-syrdari')).toHaveLength(11);
    expect(Math.max(...rows.map((r) => r.depth))).toBe(5);
    expect(rows.find((r) => r.author_name === 'Reader 122')).toMatchObject({ status: 'pending', ip_prefix: '198.51.100.0/24', author_email: 'reader122@mail.example' });
    expect(rows.find((r) => r.author_name === 'Reader 100')).toMatchObject({ ip_hash: null, ip_prefix: null, depth: 1 });

    const redirects = JSON.parse(fs.readFileSync(path.join(contentDir, 'redirects.json'), 'utf8')).redirects as Record<string, string>;
    expect(redirects['/2024/05/09/водные-ресурсы-сырдарьи']).toBe('/articles/vodnye-resursy-syrdari');
    expect(redirects['/?p=10']).toBe('/articles/vodnye-resursy-syrdari');
    expect(redirects['/about/team']).toBe('/articles/team');
    expect(redirects['/category/eurasia/water']).toBe('/category/water');
    expect(redirects['/tag/uzb']).toBe('/tag/uz');
    expect(redirects['/author/aziz/feed']).toBe('/author/aziz');
    expect(redirects['/about']).toBeUndefined();
    expect(Object.values(redirects)).not.toContain('/articles/aral-draft');
    expect(Object.values(redirects)).not.toContain('/articles/rogun-decision');
  });

  it('a second run on the same export changes nothing', async () => {
    await run(db);
    const before = snapshot();
    const rowsBefore = await comments(db);
    const again = await run(db);
    expect(again.articles).toMatchObject({ written: 0, updated: 0, unchanged: 11 });
    expect(again.comments).toMatchObject({ imported: 0, alreadyThere: 11 });
    expect(again.redirects.added).toBe(0);
    expect(again.registries.authors.added).toBe(0);
    expect(snapshot()).toEqual(before);
    expect(await comments(db)).toEqual(rowsBefore);
  });

  it('an article edited after the import is kept and reported as a conflict; --overwrite replaces it', async () => {
    await run(db);
    const file = path.join(contentDir, 'articles', 'qazaqstan-saylau.md');
    fs.appendFileSync(file, '\nAn editor’s correction.\n');
    const kept = await run(db);
    expect(kept.articles.conflicts).toEqual([path.relative(process.cwd(), file)]);
    expect(fs.readFileSync(file, 'utf8')).toContain('An editor’s correction.');
    const replaced = await run(db, { overwrite: true });
    expect(replaced.articles.overwritten).toBe(1);
    expect(fs.readFileSync(file, 'utf8')).not.toContain('An editor’s correction.');
  });
});

describe('nothing is written unless the whole import succeeds', () => {
  it('--dry-run prints the same counts and writes nothing, not even the database', async () => {
    const db = sqliteTestDatabase();
    const before = snapshot();
    const report = await run(db, { dryRun: true });
    expect(report.articles.written).toBe(11);
    expect(report.comments.imported).toBe(11);
    expect(snapshot()).toEqual(before);
    expect(fs.existsSync(db.url.replace(/^file:/, ''))).toBe(false);
    await db.drop();
  });

  it('a truncated export is refused with its line, before anything is written', async () => {
    const db = sqliteTestDatabase();
    const text = fs.readFileSync(OWN, 'utf8');
    const truncated = path.join(site, 'truncated.xml');
    fs.writeFileSync(truncated, text.slice(0, Math.floor(text.length * 0.6)));
    const before = snapshot();
    const error = await run(db, { file: truncated }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WxrError);
    expect((error as Error).message).toMatch(/truncated\.xml:\d+: not well-formed XML/);
    expect(snapshot()).toEqual(before);
    expect(fs.existsSync(db.url.replace(/^file:/, ''))).toBe(false);
    await db.drop();
  });

  it('when the comment store fails, no file is left behind', async () => {
    const before = snapshot();
    const error = await importWordpress({ file: OWN, contentDir, publicDir, uploadsDir: UPLOADS, databaseUrl: 'postgres://nobody@127.0.0.1:1/none', now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(snapshot()).toEqual(before);
  });
});

describe('the theme unit test export', () => {
  it('imports into content check-content accepts, remote images kept as links', async () => {
    const db = sqliteTestDatabase();
    const report = await importWordpress({ file: THEME, contentDir, publicDir, databaseUrl: db.url, now: NOW });
    expect(report.articles.visibility).toEqual({ published: 76, scheduled: 1, draft: 2 });
    expect(report.comments).toMatchObject({ imported: 29, skipped: { pingback: 2, trackback: 2 } });
    expect(report.media.copied).toBe(0);
    expect(report.media.keptAsLinks.length).toBeGreaterThan(30);
    expect(() => library()).not.toThrow();
    await db.drop();
  });
});
