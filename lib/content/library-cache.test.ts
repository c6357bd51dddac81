import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLibraryIncremental } from './incremental';
import { libraryKey, loadLibraryCached, readLibraryTexts } from './library-cache';
import { readLoadMemo } from './load-memo';
import { bodyText } from '../search';
import { loadLibrary } from './load';
import { type Fixture, makeFixture, validFrontMatter } from './testing';

let fx: Fixture;
let cacheDir: string;
const options = () => ({ contentDir: fx.contentDir, publicDir: fx.publicDir });
const cacheFiles = () => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).filter((name) => name.endsWith('.json')) : []);

beforeEach(() => {
  fx = makeFixture();
  cacheDir = path.join(fx.root, 'cache');
  fx.article('first-story', validFrontMatter({ tags: ['kg', 'water'], hero: { src: '/images/pic.png', alt: 'A picture' } }), '## Heading\n\nSome words here.\n');
});
afterEach(() => fx.cleanup());

describe('loadLibraryCached', () => {
  it('returns what loadLibrary returns, first from the files and then from the cache file it wrote', () => {
    const fresh = loadLibrary(options());
    const first = loadLibraryCached(options(), cacheDir);
    expect(cacheFiles().sort()).toEqual([`library-${libraryKey(options())}.json`, `library-${libraryKey(options())}.text.json`]);
    const second = loadLibraryCached(options(), cacheDir);
    for (const library of [first, second]) {
      expect(JSON.parse(JSON.stringify(library.articles))).toEqual(JSON.parse(JSON.stringify(fresh.articles)));
      expect([...library.authors.keys()]).toEqual([...fresh.authors.keys()]);
      expect(library.tags.get('tj')).toEqual(fresh.tags.get('tj'));
      expect(library.categories.get('eurasia')).toEqual(fresh.categories.get('eurasia'));
    }
  });

  it("keeps each article's plain text beside the library, exactly the text search would parse, for this content only", () => {
    expect(readLibraryTexts(options(), cacheDir)).toBeUndefined();
    const library = loadLibraryCached(options(), cacheDir);
    const texts = readLibraryTexts(options(), cacheDir)!;
    expect([...texts.keys()]).toEqual(['first-story']);
    expect(texts.get('first-story')).toBe(bodyText(library.articles[0]!));
    expect(texts.get('first-story')).toContain('Some words here.');
    fx.article('second-story', validFrontMatter({ tags: ['kg'] }), 'Other words.\n');
    expect(readLibraryTexts(options(), cacheDir)).toBeUndefined();
  });

  it('reads the cache file on the next load (a marker written into it shows)', () => {
    loadLibraryCached(options(), cacheDir);
    const file = path.join(cacheDir, cacheFiles()[0]!);
    const stored = JSON.parse(fs.readFileSync(file, 'utf8'));
    stored.articles[0].title = 'From the cache';
    fs.writeFileSync(file, JSON.stringify(stored));
    expect(loadLibraryCached(options(), cacheDir).articles[0]!.title).toBe('From the cache');
  });

  it('sees a new or changed article: the key changes with the files', () => {
    const before = libraryKey(options());
    loadLibraryCached(options(), cacheDir);
    fx.article('second-story', validFrontMatter({ date: '2025-01-01T09:00:00+00:00' }));
    expect(libraryKey(options())).not.toBe(before);
    expect(loadLibraryCached(options(), cacheDir).articles.map((a) => a.slug)).toEqual(['second-story', 'first-story']);
  });

  it('loads from the files when the cache file is broken', () => {
    loadLibraryCached(options(), cacheDir);
    fs.writeFileSync(path.join(cacheDir, cacheFiles()[0]!), '{"format": 1, "articles": [');
    expect(loadLibraryCached(options(), cacheDir).articles.map((a) => a.slug)).toEqual(['first-story']);
  });

  it('leaves the load memo after a full load, so the first reload parses only what changed since', () => {
    const file = path.join(fx.contentDir, 'articles', 'first-story.md');
    const hourAgo = new Date(Date.now() - 3_600_000);
    fs.utimesSync(file, hourAgo, hourAgo); // a file younger than its file system's timestamp tick is never reused
    expect(readLoadMemo(options(), cacheDir)).toBeUndefined();
    loadLibraryCached(options(), cacheDir);
    expect(loadLibraryIncremental(options(), readLoadMemo(options(), cacheDir)).reparsed).toBe(0);
  });

  it('never caches a library with content errors', () => {
    fx.article('broken', { title: 'No date' });
    expect(() => loadLibraryCached(options(), cacheDir)).toThrow(/date/);
    expect(cacheFiles()).toEqual([]);
  });
});

describe('a library read from the cache', () => {
  it('shares one author, section and tag object between its articles, like a fresh load', () => {
    fx.article('second-story', validFrontMatter({ date: '2025-01-01T09:00:00+00:00', tags: ['kg'] }));
    loadLibraryCached(options(), cacheDir);
    const cached = loadLibraryCached(options(), cacheDir);
    const [a, b] = cached.articles;
    expect(a!.author).toBe(b!.author);
    expect(a!.author).toBe(cached.authors.get('staff'));
    expect(a!.categories[0]).toBe(cached.categories.get('eurasia'));
    expect(a!.tags.find((t) => t.slug === 'kg')).toBe(cached.tags.get('kg'));
    expect(b!.tags.find((t) => t.slug === 'kg')).toBe(cached.tags.get('kg'));
  });
});
