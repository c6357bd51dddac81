import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../content/load';
import { makeFixture, validFrontMatter, type Fixture } from '../content/testing';
import type { Article } from '../content/types';
import { buildSearchIndex, compileSearchIndex, loadSearchIndex, searchIndex, serializeSearchIndex, type SearchAnswer } from './index';
import { highlight, snippet } from './snippet';
import { foldText, queryTerms, toTerm } from './terms';

describe('terms', () => {
  it('folds case, diacritics and apostrophe letters', () => {
    expect(foldText('Türkmenistan')).toBe('turkmenistan');
    expect(foldText('Oʻzbekiston')).toBe('ozbekiston');
    expect(foldText("O'ZBEKISTON")).toBe('ozbekiston');
    expect(foldText('Aşgabat, Ýolöten, ňň, ž')).toBe('asgabat, yoloten, nn, z');
    expect(foldText('Ёлка Казахстан')).toBe('елка казахстан');
  });

  it('stems English words and drops stop words', () => {
    expect(toTerm('sanctions')).toBe(toTerm('sanctioned'));
    expect(toTerm('pipelines')).toBe(toTerm('pipeline'));
    expect(toTerm('the')).toBeNull();
    expect(toTerm('Казахстана')).toBe('казахстана');
  });

  it('finds no terms in junk', () => {
    expect(queryTerms('!!! ??? ---')).toEqual([]);
    expect(queryTerms('the of and')).toEqual([]);
    expect(queryTerms('<script>alert(1)</script>')).toEqual(['script', 'alert', '1']);
  });
});

describe('search index', () => {
  let fixture: Fixture;
  let articles: Article[];

  beforeAll(() => {
    fixture = makeFixture();
    const a = (name: string, fm: Record<string, unknown>, body: string) => fixture.article(name, validFrontMatter(fm), body);
    a('water-title', { title: 'Water wars on the Syr Darya', summary: 'Rivers and dams.', date: '2024-01-01T00:00:00Z' }, 'Dams and reservoirs.\n');
    a('water-body', { title: 'A quiet border', summary: 'Villages.', date: '2024-02-01T00:00:00Z' }, 'Somewhere, deep in the text, the word water appears once.\n');
    a('turkmen', { title: 'Gas from Türkmenistan', summary: 'Galkynyş field.', lang: 'tk', date: '2024-03-01T00:00:00Z' }, 'Türkmenistan sells gas to China. Oʻzbekiston buys some.\n');
    a('russian', { title: 'Вода и политика', summary: 'Казахстан и Киргизия делят реки.', lang: 'ru', date: '2024-04-01T00:00:00Z' }, 'Водные ресурсы Казахстана.\n');
    a('sanctions', { title: 'Trade after the war', summary: 'Re-exports.', date: '2024-05-01T00:00:00Z' }, 'Several firms were sanctioned in 2023 for re-exporting parts.\n');
    a('pipeline', { title: 'The Trans-Caspian Pipeline returns', summary: 'Gas across the sea.', date: '2024-06-01T00:00:00Z', tags: ['tj'] }, 'Europe wants more gas.\n');
    articles = loadLibrary({ contentDir: fixture.contentDir, publicDir: fixture.publicDir }).articles;
  });

  afterAll(() => fixture.cleanup());

  const index = () => compileSearchIndex(buildSearchIndex(articles));
  const slugs = (query: string) => searchIndex(index(), query).hits.map((h) => h.slug);

  it('ranks a title match above a body match', () => {
    expect(slugs('water')).toEqual(['water-title', 'water-body']);
  });

  it('is diacritic- and apostrophe-insensitive both ways', () => {
    expect(slugs('Turkmenistan')).toContain('turkmen');
    expect(slugs('türkmenistan')).toContain('turkmen');
    expect(slugs('ozbekiston')).toEqual(['turkmen']);
    expect(slugs("o'zbekiston")).toEqual(['turkmen']);
    expect(slugs('GALKYNYS')).toEqual(['turkmen']);
  });

  it('finds Cyrillic text with Cyrillic queries, across case endings by prefix', () => {
    expect(slugs('казахстан')).toEqual(['russian']);
    expect(slugs('ВОДА')).toEqual(['russian']);
    expect(slugs('водн')).toEqual(['russian']);
  });

  it('matches English word forms by stem and prefix', () => {
    expect(slugs('sanctions')).toEqual(['sanctions']);
    expect(slugs('pipelines')).toEqual(['pipeline']);
    expect(slugs('pipel')).toEqual(['pipeline']);
  });

  it('searches tags by country name and code', () => {
    expect(slugs('Tajikistan')).toEqual(['pipeline']);
    expect(slugs('TJK')).toEqual(['pipeline']);
  });

  it('prefers articles with every word, and falls back to any word', () => {
    const compiled = index();
    const both = searchIndex(compiled, 'gas China');
    expect(both.hits.map((h) => h.slug)).toEqual(['turkmen']);
    expect(both.partial).toBe(false);
    const some = searchIndex(compiled, 'gas zzzunknownword');
    expect(some.partial).toBe(true);
    expect(some.hits.map((h) => h.slug).sort()).toEqual(['pipeline', 'turkmen']);
  });

  it('tolerates one typo in a long word', () => {
    expect(slugs('Turkmenstan')).toContain('turkmen');
  });

  it('answers junk with no terms and no hits', () => {
    const answer = searchIndex(index(), '*** ((( ');
    expect(answer).toEqual({ terms: [], hits: [], partial: false });
  });

  it('gives the same answers after serialising and loading', () => {
    const built = buildSearchIndex(articles);
    const loaded = loadSearchIndex(serializeSearchIndex(built));
    const plain = (answer: SearchAnswer) => ({ ...answer, hits: answer.hits.map(({ slug, score, terms }) => ({ slug, score, terms })) });
    for (const q of ['water', 'ozbekiston', 'казахстан', 'pipel']) expect(plain(searchIndex(loaded, q))).toEqual(plain(searchIndex(compileSearchIndex(built), q)));
  });

  it('names the indexed words each hit matched, for highlighting', () => {
    const hit = searchIndex(index(), 'Turkmenistan gas').hits.find((h) => h.slug === 'turkmen');
    expect(hit?.terms.sort()).toEqual([toTerm('gas'), toTerm('Turkmenistan')].sort());
  });
});

describe('snippets', () => {
  it('marks matched words in their original spelling', () => {
    expect(highlight('Gas from Türkmenistan', [toTerm('turkmenistan')!])).toEqual([{ text: 'Gas from ' }, { text: 'Türkmenistan', mark: true }]);
    expect(highlight('Oʻzbekiston buys', [toTerm('ozbekiston')!])).toEqual([{ text: 'Oʻzbekiston', mark: true }, { text: ' buys' }]);
  });

  it('cuts around the densest cluster of matches, at word boundaries', () => {
    const text = `${'filler '.repeat(100)}the dam and the dam again ${'more '.repeat(100)}`;
    const segments = snippet(text, [toTerm('dam')!], 120);
    const joined = segments.map((s) => s.text).join('');
    expect(joined.startsWith('… ')).toBe(true);
    expect(joined.endsWith(' …')).toBe(true);
    expect(segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['dam', 'dam']);
    expect(joined.length).toBeLessThanOrEqual(120 + 4);
  });

  it('opens the text when nothing matched', () => {
    const segments = snippet('Short text.', ['zzz']);
    expect(segments).toEqual([{ text: 'Short text.' }]);
  });
});
