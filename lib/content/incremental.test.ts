import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentError } from './errors';
import { type LoadMemo, loadLibraryIncremental } from './incremental';
import { loadLibrary } from './load';
import { readLoadMemo, writeLoadMemo } from './load-memo';
import { type Fixture, makeFixture, validFrontMatter } from './testing';

let fx: Fixture;
const cwd = process.cwd();
const options = () => ({ contentDir: fx.contentDir, publicDir: fx.publicDir });
const load = (memo?: LoadMemo) => loadLibraryIncremental(options(), memo);

beforeEach(() => {
  fx = makeFixture();
  // Messages name files relative to the working directory, as in load.test.ts.
  process.chdir(fx.root);
});

afterEach(() => {
  process.chdir(cwd);
  fx.cleanup();
});

/** A GIF header is all image-size reads: the same byte length whatever the size, so a swap keeps the file's size. */
const gif = (width: number, height: number) => {
  const bytes = Buffer.alloc(16);
  bytes.write('GIF89a', 0, 'latin1');
  bytes.writeUInt16LE(width, 6);
  bytes.writeUInt16LE(height, 8);
  return bytes;
};

/**
 * Sets a file's modification time `minutesAgo` in the past. A file written in the same instant it was read is parsed
 * again on every load (see file-stamp.ts), so tests that expect a file to be reused make it old first.
 */
function age(file: string, minutesAgo = 60): void {
  const when = new Date(Date.now() - minutesAgo * 60_000);
  fs.utimesSync(file, when, when);
}
const ageArticles = () => {
  const dir = path.join(fx.contentDir, 'articles');
  for (const name of fs.readdirSync(dir)) age(path.join(dir, name));
};

/** The problems of a load that must fail. */
function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as ContentError).problems;
  }
  throw new Error('expected the content to be rejected');
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('reloading with a memo', () => {
  beforeEach(() => {
    fx.article('first-story', validFrontMatter({ title: 'First' }));
    fx.article('second-story', validFrontMatter({ title: 'Second', date: '2025-01-01T09:00:00+00:00' }));
    ageArticles();
  });

  it('parses every file without a memo', () => {
    expect(load().reparsed).toBe(2);
  });

  it('reparses no file when nothing changed, and returns an equal library', () => {
    const first = load();
    const second = load(first.memo);
    expect(second.reparsed).toBe(0);
    expect(second.library).toEqual(first.library);
    expect(second.texts).toEqual(first.texts);
  });

  it('reparses exactly the edited article and shows its new title', () => {
    const first = load();
    fx.article('first-story', validFrontMatter({ title: 'First, corrected' }));
    const second = load(first.memo);
    expect(second.reparsed).toBe(1);
    expect(second.library.articles.map((a) => a.title)).toEqual(['Second', 'First, corrected']);
  });

  it('parses an added article and drops a removed one', () => {
    const first = load();
    fx.article('third-story', validFrontMatter({ title: 'Third', date: '2026-01-01T09:00:00+00:00' }));
    fs.rmSync(path.join(fx.contentDir, 'articles', 'first-story.md'));
    const second = load(first.memo);
    expect(second.reparsed).toBe(1);
    expect(second.library.articles.map((a) => a.slug)).toEqual(['third-story', 'second-story']);
    expect([...second.texts.keys()].sort()).toEqual(['second-story', 'third-story']);
    expect([...second.memo.files.keys()].sort()).toEqual(['second-story.md', 'third-story.md']);
  });

  it('parses again a file rewritten within the timestamp tick it was read in, though its size and mtime match', () => {
    const file = fx.article('first-story', validFrontMatter({ title: 'Tick A' }));
    const stamp = fs.statSync(file).mtime;
    const first = load();
    fx.article('first-story', validFrontMatter({ title: 'Tick B' }));
    fs.utimesSync(file, stamp, stamp);
    const second = load(first.memo);
    expect(second.reparsed).toBe(1);
    expect(second.library.articles.map((a) => a.title)).toContain('Tick B');
  });

  it('ignores a memo of another content folder', () => {
    const other = makeFixture();
    try {
      const foreign = loadLibraryIncremental({ contentDir: other.contentDir, publicDir: other.publicDir }).memo;
      expect(load(foreign).reparsed).toBe(2);
    } finally {
      other.cleanup();
    }
  });
});

describe('problems after a reload', () => {
  it('names a file that became invalid with the same "file: field: reason" lines as loadLibrary', () => {
    fx.article('x', validFrontMatter());
    ageArticles();
    const first = load();
    fx.article('x', validFrontMatter({ date: 'next tuesday', catgories: ['eurasia'] }));
    const expected = problemsOf(() => loadLibrary(options()));
    expect(expected).toEqual([
      'content/articles/x.md: date: must be an ISO 8601 date-time with a time zone, e.g. 2024-06-06T09:00:00+02:00 (got "next tuesday")',
      'content/articles/x.md: unknown field "catgories"',
    ]);
    expect(problemsOf(() => load(first.memo))).toEqual(expected);
  });

  it('fails an unchanged article whose author was removed from authors.yaml', () => {
    fx.article('by-jane', validFrontMatter({ author: 'jdoe-real' }));
    fx.article('by-staff', validFrontMatter());
    ageArticles();
    const first = load();
    fs.writeFileSync(path.join(fx.contentDir, 'authors.yaml'), 'staff:\n  name: Staff Writer\n  bio: Writes things.\n');
    expect(problemsOf(() => load(first.memo))).toEqual(['content/articles/by-jane.md: author "jdoe-real" is not in content/authors.yaml']);
  });

  it('fails an unchanged article whose hero or body image was deleted', () => {
    fx.article('hero', validFrontMatter({ hero: { src: '/images/pic.png', alt: 'A picture' } }));
    fx.article('inline', validFrontMatter(), 'Text.\n\n![A picture](/images/pic.png)\n');
    ageArticles();
    const first = load();
    fs.rmSync(path.join(fx.publicDir, 'images', 'pic.png'));
    expect(problemsOf(() => load(first.memo))).toEqual([
      'content/articles/hero.md: hero.src: public/images/pic.png does not exist or is not an image',
      'content/articles/inline.md: image "/images/pic.png": public/images/pic.png does not exist or is not an image',
    ]);
  });

  it('gives a replaced hero image its new size (same path, same byte length, newer mtime)', () => {
    const image = path.join(fx.publicDir, 'images', 'swap.gif');
    fs.writeFileSync(image, gif(4, 3));
    age(image, 60);
    fx.article('hero', validFrontMatter({ hero: { src: '/images/swap.gif', alt: 'A picture' } }));
    ageArticles();
    const first = load();
    expect(first.library.articles[0]!.hero).toMatchObject({ width: 4, height: 3 });
    fs.writeFileSync(image, gif(800, 600));
    age(image, 30);
    const second = load(first.memo);
    expect(second.reparsed).toBe(0);
    expect(second.library.articles[0]!.hero).toMatchObject({ width: 800, height: 600 });
  });
});

describe('the memo on disk', () => {
  let cacheDir: string;
  const memoFiles = () => fs.readdirSync(cacheDir).filter((name) => name.endsWith('.memo'));

  beforeEach(() => {
    cacheDir = path.join(fx.root, 'data', 'cache');
    fx.article('draft-story', validFrontMatter({ status: 'draft', tags: ['TJK'] }), 'Пример текста.\n');
    ageArticles();
  });

  it('round-trips through writeLoadMemo and readLoadMemo: the next load reparses nothing', () => {
    const first = load();
    writeLoadMemo(options(), cacheDir, first.memo);
    const read = readLoadMemo(options(), cacheDir)!;
    expect(read).toEqual(first.memo);
    const second = load(read);
    expect(second.reparsed).toBe(0);
    expect(plain(second.library.articles)).toEqual(plain(first.library.articles));
  });

  it('keeps the memo private: file 0600 in a folder 0700, no temp file left', () => {
    writeLoadMemo(options(), cacheDir, load().memo);
    expect(fs.statSync(cacheDir).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(cacheDir)).toEqual(memoFiles());
    expect(fs.statSync(path.join(cacheDir, memoFiles()[0]!)).mode & 0o777).toBe(0o600);
  });

  it('refuses to write the memo (it holds drafts) under public/ or .next/', () => {
    const memo = load().memo;
    expect(() => writeLoadMemo(options(), path.join(fx.publicDir, 'cache'), memo)).toThrow(/drafts/);
    expect(() => writeLoadMemo(options(), path.join(fx.root, '.next', 'cache'), memo)).toThrow(/drafts/);
    expect(fs.existsSync(path.join(fx.publicDir, 'cache'))).toBe(false);
  });

  it('reads nothing when there is no memo file', () => {
    expect(readLoadMemo(options(), cacheDir)).toBeUndefined();
  });

  it.each([
    ['cut short', (text: string) => text.slice(0, text.length / 2)],
    ['of another format version', (text: string) => text.replace('"format":1', '"format":999')],
    ['with an entry of the wrong shape', (text: string) => text.replace('"wordCount":', '"wordCount":"many","was":')],
  ])('ignores a memo file %s', (_label, spoil) => {
    writeLoadMemo(options(), cacheDir, load().memo);
    const file = path.join(cacheDir, memoFiles()[0]!);
    fs.writeFileSync(file, spoil(fs.readFileSync(file, 'utf8')));
    expect(readLoadMemo(options(), cacheDir)).toBeUndefined();
  });
});

describe('the same result as loadLibrary', () => {
  it('gives deep-equal articles and texts for a mixed folder, with and without a memo', () => {
    fs.writeFileSync(path.join(fx.publicDir, 'images', 'small.gif'), gif(2, 2));
    fx.article('plain', validFrontMatter());
    fx.article('file-name', validFrontMatter({ slug: 'explicit-slug', date: '2023-01-01T00:00:00Z', updated: '2023-02-01T00:00:00Z' }));
    fx.article('hero', validFrontMatter({ hero: { src: '/images/pic.png', alt: 'Pic', caption: 'Caption' }, comments: 'closed' }));
    fx.article('draft', validFrontMatter({ status: 'draft', categories: ['eurasia', 'geo-politics', 'eurasia'], tags: ['TJK', 'tj', 'Water'] }));
    fx.article('russian', validFrontMatter({ lang: 'ru', date: '2024-06-06T11:30:00+05:00' }), '## Заголовок\n\nТекст статьи.[^1]\n\n[^1]: Сноска.\n');
    fx.article('images', validFrontMatter({ canonical: 'https://example.org/x' }), 'Intro.\n\n![One](/images/small.gif) ![Two](/images/pic.png)\n\n| a | b |\n|---|---|\n| c | d |\n');
    ageArticles();
    const texts = new Map<string, string>();
    const full = loadLibrary(options(), texts);
    const first = load();
    const second = load(first.memo);
    expect(second.reparsed).toBe(0);
    for (const { library, texts: loaded } of [first, second]) {
      expect(plain(library.articles)).toEqual(plain(full.articles));
      expect(library.articles.map((a) => a.slug)).toEqual(full.articles.map((a) => a.slug));
      expect(loaded).toEqual(texts);
      expect([...library.tags.keys()]).toEqual([...full.tags.keys()]);
    }
  });

  it('shares one author, section and tag object per slug between its articles', () => {
    fx.article('one', validFrontMatter({ tags: ['kg'] }));
    fx.article('two', validFrontMatter({ tags: ['KG'] }));
    ageArticles();
    const { library } = load(load().memo);
    const [a, b] = library.articles;
    expect(a!.author).toBe(b!.author);
    expect(a!.author).toBe(library.authors.get('staff'));
    expect(a!.categories[0]).toBe(library.categories.get('eurasia'));
    expect(b!.tags[0]).toBe(library.tags.get('kg'));
  });
});
