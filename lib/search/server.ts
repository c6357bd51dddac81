/**
 * Search as pages and the API use it: the build's index, loaded once per server process, and
 * results resolved to public articles with highlighted title, dek and snippet.
 */
import fs from 'node:fs';
import path from 'node:path';
import MiniSearch, { type AsPlainObject } from 'minisearch';
import type { ContentChanges } from '../content/diff';
import { getPublishedArticle, listPublishedArticles, type Article } from '../content';
import { buildConstants } from '../env';
import { formatDate } from '../format';
import { log } from '../log';
import { bodyText, buildSearchIndex, compileSearchIndex, type CompiledIndex, indexDocuments, indexOptions, MAX_QUERY_LENGTH, type SearchAnswer, type SearchDocument, searchIndex, toSearchDocument } from './index';
import { highlight, type Segment, snippet } from './snippet';

/** Where `npm run build` leaves the index, next to the build it belongs to. */
export const SEARCH_INDEX_FILE = 'search-index.json';
/** Where it leaves each article's plain text, which snippets are cut from: <slug>.txt. */
export const SEARCH_TEXT_DIR = 'search-text';

export interface SearchIndexFile {
  buildId: string;
  builtAt: string;
  articles: number;
  index: unknown;
}

// One index per process, shared by every bundle that imports this module (instrumentation warms it, routes use it).
// Only the compiled form is kept: the parsed JSON (or the MiniSearch instance built in development) is garbage once
// compiled. (A new key: a development server reloaded from older code may still hold a MiniSearch instance under the old one.)
const shared = globalThis as typeof globalThis & { __eurasianStarCompiledSearchIndex?: CompiledIndex; __eurasianStarSearchTexts?: Map<string, string> };

function distDir(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), '.next');
}

/** The build's index when it belongs to the running build, otherwise one built now (in development, or after a bare `next build`). */
export function getSearchIndex(): CompiledIndex {
  shared.__eurasianStarCompiledSearchIndex ??= readSearchIndex();
  return shared.__eurasianStarCompiledSearchIndex;
}

function readSearchIndex(): CompiledIndex {
  const file = path.join(distDir(), SEARCH_INDEX_FILE);
  try {
    const buildId = fs.readFileSync(path.join(distDir(), 'BUILD_ID'), 'utf8').trim();
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as SearchIndexFile;
    if (stored.buildId === buildId) return compileSearchIndex(stored.index as AsPlainObject);
    log.warn('search index belongs to another build; indexing the articles now', { file });
  } catch (error) {
    if (buildConstants.production()) log.warn('no search index from the build; indexing the articles now', { file, error });
  }
  return compileSearchIndex(buildSearchIndex(listPublishedArticles()));
}

/** The MiniSearch index a publish updates in place (kept once the first publish made it), and the public slugs it holds. */
interface LiveIndex {
  index: MiniSearch<SearchDocument>;
  slugs: Set<string>;
}
const live = globalThis as typeof globalThis & { __eurasianStarLiveSearchIndex?: LiveIndex };

const sameSlugs = (held: Set<string>, articles: readonly Article[]) => held.size === articles.length && articles.every((article) => held.has(article.slug));

/** The build's index as a MiniSearch instance, when it is of this build and holds exactly `articles`. */
function liveIndexFromBuild(articles: readonly Article[]): LiveIndex | undefined {
  try {
    const buildId = fs.readFileSync(path.join(distDir(), 'BUILD_ID'), 'utf8').trim();
    const stored = JSON.parse(fs.readFileSync(path.join(distDir(), SEARCH_INDEX_FILE), 'utf8')) as SearchIndexFile;
    if (stored.buildId !== buildId) return undefined;
    const index = MiniSearch.loadJS(stored.index as AsPlainObject, indexOptions);
    const slugs = new Set(articles.map((article) => article.slug));
    return index.documentCount === slugs.size && [...slugs].every((slug) => index.has(slug)) ? { index, slugs } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * After a publish: the index of `after` (the public articles now), made from the one of `before` by removing, replacing
 * and adding only the articles `changes` names (10,000 articles take seconds to index from scratch, one a millisecond).
 * Their plain texts (slug → text, as validation computed them) also serve the snippets from then on: the build's copies
 * may be of older versions.
 */
export function replaceSearchIndex(before: readonly Article[], after: readonly Article[], changes: ContentChanges, texts: Map<string, string>): void {
  const documents = new Map(after.map((article) => [article.slug, toSearchDocument(article, texts.get(article.slug))]));
  let current = live.__eurasianStarLiveSearchIndex;
  if (!current || !sameSlugs(current.slugs, before)) current = liveIndexFromBuild(before);
  if (current) {
    for (const slug of changes.withdrawn) current.index.discard(slug);
    for (const slug of changes.changed) current.index.replace(documents.get(slug)!);
    for (const slug of changes.added) current.index.add(documents.get(slug)!);
    current.slugs = new Set(documents.keys());
  } else {
    current = { index: indexDocuments([...documents.values()]), slugs: new Set(documents.keys()) };
  }
  live.__eurasianStarLiveSearchIndex = current;
  const compiled = compileSearchIndex(current.index);
  shared.__eurasianStarSearchTexts = new Map([...documents].map(([slug, document]) => [slug, document.body]));
  shared.__eurasianStarCompiledSearchIndex = compiled;
}

/** An article's plain text: the last publish's, else the build's copy (no Markdown to parse per result), else parsed now. */
function articleText(article: Article): string {
  const published = shared.__eurasianStarSearchTexts?.get(article.slug);
  if (published !== undefined) return published;
  try {
    return fs.readFileSync(path.join(distDir(), SEARCH_TEXT_DIR, `${article.slug}.txt`), 'utf8');
  } catch {
    return bodyText(article);
  }
}

export const RESULTS_PER_PAGE = 10;

export interface SearchResult {
  article: Article;
  title: Segment[];
  summary: Segment[];
  snippet: Segment[];
}

export interface SearchPage {
  query: string;
  /** The query's meaningful words after folding; empty for an empty or junk query. */
  terms: string[];
  total: number;
  page: number;
  perPage: number;
  totalPages: number;
  partial: boolean;
  results: SearchResult[];
}

/** One page of results for `query`; a page past the end is empty rather than an error. */
export function searchArticles(query: string, page = 1, perPage = RESULTS_PER_PAGE, index: CompiledIndex = getSearchIndex()): SearchPage {
  return resultsPage(query, searchIndex(index, query), page, perPage, holdsOnlyPublished(index));
}

// Indexes found to hold public articles only, each with the published list it was checked against.
const checkedIndexes = new WeakMap<CompiledIndex, Article[]>();

/** Is every article in `index` public? Checked once per index and published list rather than once per hit per query. */
function holdsOnlyPublished(index: CompiledIndex): boolean {
  const published = listPublishedArticles();
  if (checkedIndexes.get(index) === published) return true;
  if (!index.slugs.every((slug) => getPublishedArticle(slug))) return false;
  checkedIndexes.set(index, published);
  return true;
}

/**
 * One page of `answer`'s hits resolved to public articles, with highlighted title, dek and snippet.
 * `onlyPublished` says every hit is known to be a public article, so the hits need not be checked one by one.
 */
export function resultsPage(query: string, answer: SearchAnswer, page = 1, perPage = RESULTS_PER_PAGE, onlyPublished = false): SearchPage {
  // The index only ever holds public articles; resolving each hit against the public list keeps that true even if it did not.
  const hits = onlyPublished ? answer.hits : answer.hits.filter((hit) => getPublishedArticle(hit.slug));
  const totalPages = Math.max(1, Math.ceil(hits.length / perPage));
  const results = hits.slice((page - 1) * perPage, page * perPage).map((hit) => {
    const article = getPublishedArticle(hit.slug)!;
    return {
      article,
      title: highlight(article.title, hit.terms),
      summary: highlight(article.summary, hit.terms),
      snippet: snippet(articleText(article), hit.terms),
    };
  });
  return { query, terms: answer.terms, total: hits.length, page, perPage, totalPages, partial: answer.partial, results };
}

/** A result as plain data, the same for the server-rendered page and the JSON API. */
export interface ResultView {
  slug: string;
  url: string;
  lang: string;
  date: string;
  dateLabel: string;
  author: { name: string; url: string };
  section?: { name: string; url: string };
  title: Segment[];
  summary: Segment[];
  snippet: Segment[];
}

export interface SearchPageView extends Omit<SearchPage, 'results'> {
  results: ResultView[];
}

/** `page` as plain data. */
export function toView(page: SearchPage): SearchPageView {
  return {
    ...page,
    results: page.results.map(({ article, title, summary, snippet: text }) => {
      const section = article.categories[0];
      return {
        slug: article.slug,
        url: `/articles/${article.slug}`,
        lang: article.lang,
        date: article.date,
        dateLabel: formatDate(article.date),
        author: { name: article.author.name, url: `/author/${article.author.slug}` },
        ...(section ? { section: { name: section.name, url: `/category/${section.slug}` } } : {}),
        title,
        summary,
        snippet: text,
      };
    }),
  };
}

/** The query and page a request asked for, tolerant of junk: the first `q`, trimmed and cut; page 1 unless a sane page number. */
export function readSearchParams(params: { q?: string | string[] | null; page?: string | string[] | null }): { query: string; page: number; pageValid: boolean } {
  const first = (value: string | string[] | null | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';
  const query = cutQuery(first(params.q));
  const rawPage = first(params.page);
  const pageValid = rawPage === '' || /^[1-9]\d{0,5}$/.test(rawPage);
  return { query, page: pageValid && rawPage !== '' ? Number(rawPage) : 1, pageValid };
}

/** A query cut to MAX_QUERY_LENGTH characters at a word, with whitespace collapsed and control characters dropped. */
export function cutQuery(raw: string): string {
  const clean = raw.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').replace(/\s+/g, ' ').trim();
  if (clean.length <= MAX_QUERY_LENGTH) return clean;
  const cut = clean.slice(0, MAX_QUERY_LENGTH);
  const space = cut.lastIndexOf(' ');
  return space > MAX_QUERY_LENGTH / 2 ? cut.slice(0, space) : cut;
}
