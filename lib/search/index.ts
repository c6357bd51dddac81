/**
 * The search index: MiniSearch over published articles' title, summary, body, author, sections and tags.
 * `npm run build` writes it to .next/search-index.json (scripts/build-search-index.ts); the server loads
 * that file once and answers /search and /api/search from it.
 */
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { type Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Article } from '../content/types';
import { plainText } from '../content/text';
import { PREFIX_MIN_LENGTH, queryTerms, tokenize, toTerm } from './terms';

/** What the index holds for one article; the id is the slug. */
export interface SearchDocument {
  id: string;
  title: string;
  summary: string;
  body: string;
  author: string;
  sections: string;
  tags: string;
}

const FIELDS = ['title', 'summary', 'body', 'author', 'sections', 'tags'] as const;

/** One set of options for building, loading and querying, so they can never drift apart. */
export const indexOptions: Options<SearchDocument> = {
  idField: 'id',
  fields: [...FIELDS],
  storeFields: [],
  tokenize: (text) => tokenize(text),
  processTerm: (word) => toTerm(word),
  searchOptions: { tokenize: (text) => tokenize(text), processTerm: (word) => toTerm(word) },
};

/** Title matches outrank summary and tag matches, which outrank the body. */
const BOOST: Record<(typeof FIELDS)[number], number> = { title: 6, summary: 2.5, tags: 2, sections: 1.5, author: 2, body: 1 };

const bodyParser = unified().use(remarkParse).use(remarkGfm);

/** The plain text of an article's Markdown body, as indexed and as snippets are cut from. */
export function bodyText(article: Pick<Article, 'body'>): string {
  return plainText(bodyParser.parse(article.body) as Root);
}

/** The document the index stores for an article. */
export function toSearchDocument(article: Article): SearchDocument {
  return {
    id: article.slug,
    title: article.title,
    summary: article.summary,
    body: bodyText(article),
    author: article.author.name,
    sections: article.categories.map((c) => c.name).join(' '),
    tags: article.tags.flatMap((t) => [t.name, ...(t.country ? [t.country.name, t.country.code] : []), ...t.aliases]).join(' '),
  };
}

/** Builds an index of `articles`, which the caller has already limited to public ones. */
export function buildSearchIndex(articles: Article[]): MiniSearch<SearchDocument> {
  return indexDocuments(articles.map(toSearchDocument));
}

/** Builds an index of documents made with toSearchDocument. */
export function indexDocuments(documents: SearchDocument[]): MiniSearch<SearchDocument> {
  const index = new MiniSearch<SearchDocument>(indexOptions);
  index.addAll(documents);
  return index;
}

/** The serialised index, as written at build time. */
export function serializeSearchIndex(index: MiniSearch<SearchDocument>): string {
  return JSON.stringify(index);
}

/** An index from its serialised form. */
export function loadSearchIndex(json: string): MiniSearch<SearchDocument> {
  return MiniSearch.loadJSON<SearchDocument>(json, indexOptions);
}

export interface SearchHit {
  slug: string;
  score: number;
  /** Query terms this article matched, as indexed terms (for highlighting). */
  terms: string[];
}

export interface SearchAnswer {
  /** The query's meaningful terms after folding and stemming; empty when it had none. */
  terms: string[];
  hits: SearchHit[];
  /** True when no article held every term and the hits hold only some of them. */
  partial: boolean;
}

/** Longest query the index is asked; a longer one is cut (at a word). */
export const MAX_QUERY_LENGTH = 200;

const queryOptions = (combineWith: 'AND' | 'OR', fuzzy: boolean): SearchOptions => ({
  combineWith,
  boost: BOOST,
  prefix: (term) => term.length >= PREFIX_MIN_LENGTH,
  // One typo in a long word: "Kyrgystan" still finds Kyrgyzstan.
  fuzzy: fuzzy ? (term) => (term.length >= 7 ? 1 : false) : false,
  maxFuzzy: 1,
  weights: { prefix: 0.6, fuzzy: 0.3 },
  tokenize: (text) => text.split(' '),
  processTerm: (term) => term,
});

/**
 * Articles matching `query`, best first: every term (exactly or as a prefix) if any article has them all;
 * failing that, the same allowing one typo in long words; failing that, any of the terms.
 * Terms are already folded and stemmed, so the index is queried with them as they are.
 */
export function searchIndex(index: MiniSearch<SearchDocument>, query: string): SearchAnswer {
  const terms = queryTerms(query.slice(0, MAX_QUERY_LENGTH));
  if (terms.length === 0) return { terms, hits: [], partial: false };
  const run = (combineWith: 'AND' | 'OR', fuzzy: boolean) =>
    index.search(terms.join(' '), queryOptions(combineWith, fuzzy)).map((result) => ({ slug: String(result.id), score: result.score, terms: result.terms }));
  const exact = run('AND', false);
  if (exact.length > 0) return { terms, hits: exact, partial: false };
  // Typos are looked for only when the words as typed found nothing: fuzzy matching is the costly part of a query.
  const forgiving = terms.some((term) => term.length >= 7) ? run('AND', true) : [];
  if (forgiving.length > 0 || terms.length === 1) return { terms, hits: forgiving, partial: false };
  return { terms, hits: run('OR', true), partial: true };
}
