import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../../lib/content/load';
import { isPublic } from '../../lib/content';
import { generateCorpus } from './generate';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'es-corpus-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Every file under `dir`, relative path → bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full), fs.readFileSync(full));
  }
  return files;
}

describe('generateCorpus', () => {
  const a = path.join(tmp, 'a');
  const b = path.join(tmp, 'b');
  const other = path.join(tmp, 'other-seed');
  const manifest = generateCorpus({ count: 300, seed: 7, dir: a });
  generateCorpus({ count: 300, seed: 7, dir: b });
  // Parsing 300 articles takes seconds on a busy machine: once, for every test that reads them.
  let loaded: ReturnType<typeof loadLibrary> | undefined;
  const library = () => (loaded ??= loadLibrary({ contentDir: a, publicDir: path.resolve('public') }));

  it('names a same-story article whose text is the same at every size of at least 1,000, its date aside', () => {
    const small = generateCorpus({ count: 1000, seed: 7, dir: path.join(tmp, 'same-1000') });
    const large = generateCorpus({ count: 1600, seed: 7, dir: path.join(tmp, 'same-1600') });
    expect(small.sample.sameStoryArticle).toBe(small.sample.article);
    expect(large.sample.sameStoryArticle).toBe(small.sample.sameStoryArticle);
    expect(large.sample.article).not.toBe(large.sample.sameStoryArticle);
    const text = (dir: string) => fs.readFileSync(path.join(tmp, dir, 'articles', `${small.sample.sameStoryArticle}.md`), 'utf8');
    const withoutDate = (file: string) => file.replace(/^date: .*$/m, '');
    expect(withoutDate(text('same-1600'))).toBe(withoutDate(text('same-1000')));
    expect(text('same-1600')).not.toBe(text('same-1000'));
    expect(manifest.sample.sameStoryArticle).toBe(manifest.sample.article);
  });

  it('writes byte-identical files for the same seed and count', () => {
    const first = snapshot(a);
    const second = snapshot(b);
    expect(first.size).toBe(300 + 4);
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [name, bytes] of first) expect(second.get(name)?.equals(bytes), name).toBe(true);
  });

  it('writes different articles for another seed', () => {
    generateCorpus({ count: 300, seed: 8, dir: other });
    const names = (dir: string) => fs.readdirSync(path.join(dir, 'articles')).sort();
    expect(names(other)).not.toEqual(names(a));
  });

  it('writes articles the site loads without a single content error', { timeout: 60_000 }, () => {
    const { articles } = library();
    expect(articles).toHaveLength(300);
    const live = articles.filter((article) => isPublic(article));
    expect(live).toHaveLength(manifest.published);
    expect(articles.filter((article) => article.status === 'draft').map((x) => x.slug).sort()).toEqual([...manifest.drafts].sort());
    expect(articles.filter((article) => article.status === 'published' && !isPublic(article)).map((x) => x.slug)).toEqual(manifest.scheduled);
    const heroes = live.filter((article) => article.hero).sort((x, y) => Date.parse(x.date) - Date.parse(y.date));
    expect(heroes[0]?.slug).toBe(manifest.sample.oldestHeroArticle);
  });

  it('spreads articles over ten years, languages, categories, country tags, authors and hero images', { timeout: 60_000 }, () => {
    const { articles } = library();
    const live = articles.filter((article) => isPublic(article));
    const years = new Set(live.map((article) => article.date.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(10);
    const ru = articles.filter((article) => article.lang === 'ru');
    expect(ru.length / articles.length).toBeGreaterThan(0.05);
    expect(ru.length / articles.length).toBeLessThan(0.15);
    expect(ru[0]!.body).toMatch(/[а-яё]/);
    expect(articles.some((article) => article.lang === 'uz' && article.body.includes('ʻ'))).toBe(true);
    expect(articles.some((article) => article.lang === 'tk' && /[äöüýňşçž]/.test(article.body))).toBe(true);
    expect(new Set(articles.flatMap((article) => article.categories.map((c) => c.slug))).size).toBe(5);
    expect(new Set(articles.flatMap((article) => article.tags.filter((t) => t.country).map((t) => t.slug))).size).toBeGreaterThanOrEqual(9);
    expect(new Set(articles.map((article) => article.author.slug)).size).toBeGreaterThanOrEqual(10);
    expect(articles.some((article) => article.hero)).toBe(true);
    const words = articles.map((article) => article.wordCount).sort((x, y) => x - y);
    expect(words[Math.floor(words.length / 2)]).toBeGreaterThan(650);
    expect(words[Math.floor(words.length / 2)]).toBeLessThan(1000);
    expect(articles[0]!.body).toMatch(/^## /m);
    expect(articles[0]!.body).toMatch(/^- /m);
    expect(articles[0]!.body).toMatch(/\]\(https:\/\//);
  });

  it('has the long tail of names real reporting has: most words are in a few articles, not in every one', { timeout: 60_000 }, () => {
    const articlesWith = new Map<string, number>();
    for (const article of library().articles) {
      const words = new Set(`${article.title} ${article.body}`.toLowerCase().match(/\p{L}+/gu));
      for (const word of words) articlesWith.set(word, (articlesWith.get(word) ?? 0) + 1);
    }
    // The first generator's 300 articles held a few hundred distinct words, nearly all of them in most articles.
    expect(articlesWith.size).toBeGreaterThan(2000);
    const rare = [...articlesWith.values()].filter((n) => n <= 3).length;
    expect(rare / articlesWith.size).toBeGreaterThan(0.5);
    const common = [...articlesWith.values()].filter((n) => n > 150).length;
    expect(common / articlesWith.size).toBeLessThan(0.1);
  });

  it('refuses to write into the project content folder or over a folder that is not a corpus', () => {
    expect(() => generateCorpus({ count: 1, seed: 1, dir: path.resolve('content/articles') })).toThrow(/refusing/);
    const occupied = path.join(tmp, 'occupied');
    fs.mkdirSync(occupied);
    fs.writeFileSync(path.join(occupied, 'keep.txt'), 'mine');
    expect(() => generateCorpus({ count: 1, seed: 1, dir: occupied })).toThrow(/not empty/);
    expect(fs.readFileSync(path.join(occupied, 'keep.txt'), 'utf8')).toBe('mine');
  });
});
