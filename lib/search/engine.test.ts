/**
 * The compiled engine against its reference: the same documents indexed once by MiniSearch, then asked
 * hundreds of questions of every kind both through MiniSearch's search() and through the compiled form
 * the server loads. Slugs, scores, order (up to ties), the partial flag and matched terms must agree.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, rng } from '../../scripts/corpus/generate';
import { loadLibrary } from '../content/load';
import { oneEditApart } from './engine';
import { indexDocuments, loadSearchIndex, searchIndex, serializeSearchIndex, toSearchDocument, type CompiledIndex, type SearchAnswer, type SearchDocument } from './index';
import { searchWithMiniSearch } from './reference';
import { tokenize } from './terms';
import type MiniSearch from 'minisearch';

const doc = (id: string, fields: Partial<SearchDocument>): SearchDocument => ({ id, title: '', summary: '', body: '', author: '', sections: '', tags: '', ...fields });

/** Hand-made documents for what a generated corpus may lack: diacritics, apostrophe letters, Cyrillic case endings, near-identical words. */
const HANDMADE: SearchDocument[] = [
  doc('hand-turkmen', { title: 'Gas from Türkmenistan', summary: 'Galkynyş field, Aşgabat.', body: 'Türkmenistan sells gas to China. Oʻzbekiston buys some. Türkmenistanyň gazy.' }),
  doc('hand-uzbek', { title: "O'zbekiston and its neighbours", body: 'Oʻzbekiston, Ozbekistan, Uzbekistan: three spellings, one country.' }),
  doc('hand-russian', { title: 'Водные ресурсы Казахстана', summary: 'Казахстан и Киргизия делят реки.', body: 'Вода, водный, водные, водохранилище. Ёлка и ёж.' }),
  doc('hand-kyrgyz', { title: 'Kyrgyzstan votes', tags: 'Kyrgyzstan KGZ', body: 'Kyrgyzstani voters and Kyrgyz parties; Kirgizstan in old maps.' }),
  doc('hand-twins', { title: 'Pipeline pipelines pipelined', body: 'sanction sanctioned sanctions sanctioning zebrafinch' }),
  doc('hand-twins-2', { title: 'Pipeline pipelines pipelined', body: 'sanction sanctioned sanctions sanctioning zebrafinch' }),
  doc('hand-empty', { title: 'Untitled' }),
];

const FIXED_QUERIES = [
  'Turkmenistan', 'türkmenistan', 'TURKMENISTAN', 'Türkmenistanyň', 'ozbekiston', "o'zbekiston", 'Oʻzbekiston', 'Uzbekistan', 'GALKYNYS', 'asgabat',
  'казахстан', 'Казахстана', 'водн', 'вод', 'ВОДА', 'елка', 'ёлка', 'Киргизия реки', 'водные ресурсы казахстана',
  'Kyrgystan', 'Kyrgzstan', 'Kirgizstan', 'Kyrgyzstn', 'Kyrgyzstanx', 'Turkmenstan', 'pipelnes', 'sanctionz', 'santcions',
  'pipe', 'pip', 'pi', 'sanc', 'sanctions', 'sanctioned pipelines', 'KGZ', 'kgz votes',
  'the', 'the of and', '!!!', '', 'zzqx', 'qwertyuiop asdfgh', 'gas zzzunknownword', 'pipeline Казахстан', 'untitled zzz', '2023', '1',
];

let tmp: string;
let mini: MiniSearch<SearchDocument>;
let compiled: CompiledIndex;
const queries: string[] = [...FIXED_QUERIES];

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'es-search-diff-'));
  generateCorpus({ count: 400, seed: 11, dir: tmp });
  const { articles } = loadLibrary({ contentDir: tmp, publicDir: path.resolve('public') });
  const documents = [...articles.map((article) => toSearchDocument(article)), ...HANDMADE];
  mini = indexDocuments(documents);
  // Through the serialised form, as the server loads it.
  compiled = loadSearchIndex(serializeSearchIndex(mini));

  const random = rng(20261129);
  const words = documents.flatMap((d) => tokenize(`${d.title} ${d.summary} ${d.tags} ${d.author}`));
  const bodyWords = documents.flatMap((d) => tokenize(d.body).slice(0, 80));
  const pick = (list: string[]) => list[Math.floor(random() * list.length)]!;
  const fold = (w: string) => w.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const typo = (w: string) => {
    const i = 1 + Math.floor(random() * (w.length - 2));
    const kind = Math.floor(random() * 4);
    if (kind === 0) return w.slice(0, i) + w.slice(i + 1); // deletion
    if (kind === 1) return `${w.slice(0, i)}x${w.slice(i + 1)}`; // substitution
    if (kind === 2) return `${w.slice(0, i)}e${w.slice(i)}`; // insertion
    return w.slice(0, i - 1) + w[i] + w[i - 1] + w.slice(i + 1); // transposition (two edits for Levenshtein)
  };
  const longWords = words.filter((w) => w.length >= 8);
  const cyrillic = [...words, ...bodyWords].filter((w) => /^\p{Script=Cyrillic}+$/u.test(w));
  const makers: (() => string)[] = [
    () => pick(words),
    () => pick(bodyWords),
    () => `${pick(words)} ${pick(words)}`,
    () => `${pick(words)} ${pick(bodyWords)} ${pick(bodyWords)}`,
    () => pick(words).slice(0, 3 + Math.floor(random() * 3)),
    () => `${pick(words)} ${pick(words).slice(0, 3)}`,
    () => fold(pick(words)),
    () => typo(pick(longWords)),
    () => `${pick(words)} ${typo(pick(longWords))}`,
    () => (cyrillic.length > 0 ? pick(cyrillic) : 'казахстан'),
    () => `${pick(words)} zzqx${Math.floor(random() * 100)}`,
    () => `the ${pick(words)} of`,
  ];
  for (let i = 0; i < 480; i++) queries.push(makers[i % makers.length]!());
  // Generating and loading 400 articles takes seconds on a busy machine.
}, 120_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

/** Asserts that the compiled engine's answer equals MiniSearch's, up to the order of equal scores. */
function expectSameAnswer(query: string, actual: SearchAnswer, expected: SearchAnswer) {
  expect(actual.terms, query).toEqual(expected.terms);
  expect(actual.partial, query).toBe(expected.partial);
  expect(actual.hits.map((h) => h.slug).sort(), query).toEqual(expected.hits.map((h) => h.slug).sort());
  const reference = new Map(expected.hits.map((h) => [h.slug, h]));
  for (const [i, hit] of actual.hits.entries()) {
    const want = reference.get(hit.slug)!;
    expect(close(hit.score, want.score), `${query}: score of ${hit.slug} ${hit.score} vs ${want.score}`).toBe(true);
    // Same order except among equal scores: the score at every rank is the reference's score at that rank.
    expect(close(hit.score, expected.hits[i]!.score), `${query}: rank ${i} holds ${hit.slug}`).toBe(true);
    expect([...hit.terms].sort(), `${query}: terms of ${hit.slug}`).toEqual([...want.terms].sort());
  }
}

describe('compiled engine against MiniSearch', () => {
  it('asks several hundred questions of every kind, some of each answered', () => {
    expect(queries.length).toBeGreaterThan(500);
    const answers = queries.map((q) => searchWithMiniSearch(mini, q));
    expect(answers.filter((a) => a.hits.length > 100).length).toBeGreaterThan(20);
    expect(answers.filter((a) => a.partial).length).toBeGreaterThan(20);
    expect(answers.filter((a) => a.terms.length > 0 && a.hits.length === 0).length).toBeGreaterThan(5);
    // Answers where some hit matched an indexed term that no query term begins: a typo.
    expect(answers.filter((a) => a.hits.some((h) => h.terms.some((t) => a.terms.every((q) => !t.startsWith(q))))).length).toBeGreaterThan(5);
  });

  it('returns the same hits, scores, order, partial flag and matched terms for every question', () => {
    for (const query of queries) expectSameAnswer(query, searchIndex(compiled, query), searchWithMiniSearch(mini, query));
  }, 60_000);

  it('orders equal scores by index order', () => {
    const hits = searchIndex(compiled, 'zebrafinch').hits;
    expect(hits.map((h) => h.slug)).toEqual(['hand-twins', 'hand-twins-2']);
    expect(hits[0]!.score).toBe(hits[1]!.score);
  });

  it('forgives one typo in a long word and names the indexed word it matched', () => {
    const answer = searchIndex(compiled, 'Kyrgystan');
    expect(answer.hits.map((h) => h.slug)).toContain('hand-kyrgyz');
    expect(answer.hits.find((h) => h.slug === 'hand-kyrgyz')!.terms).toContain('kyrgyzstan');
  });
});

describe('oneEditApart', () => {
  it('accepts exactly one substitution, insertion or deletion', () => {
    expect(oneEditApart('kyrgyzstan', 'kyrgystan')).toBe(true);
    expect(oneEditApart('kyrgyzstan', 'kyrgyzxtan')).toBe(true);
    expect(oneEditApart('kyrgyzstan', 'kyrgyzstans')).toBe(true);
    expect(oneEditApart('kyrgyzstan', 'akyrgyzstan')).toBe(true);
  });

  it('refuses the same word, a transposition and two edits', () => {
    expect(oneEditApart('kyrgyzstan', 'kyrgyzstan')).toBe(false);
    expect(oneEditApart('kyrgyzstan', 'kyrgzystan')).toBe(false);
    expect(oneEditApart('kyrgyzstan', 'kyrgyzstanes')).toBe(false);
    expect(oneEditApart('kyrgyzstan', 'kyrgystn')).toBe(false);
  });
});
