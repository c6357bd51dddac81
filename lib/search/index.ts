/**
 * The search index: MiniSearch over published articles' title, summary, body, author, sections and tags.
 * `npm run build` writes it to .next/search-index.json (scripts/build-search-index.ts); the server loads
 * that file once, compiles it into typed arrays (compiled.ts) and answers /search and /api/search from
 * those (engine.ts), with the same scores MiniSearch's own search() gives (reference.ts).
 */
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { type Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Article } from '../content/types';
import { plainText } from '../content/text';
import { compileIndex, type CompiledIndex } from './compiled';
import { rankCompiled } from './engine';
import { FIELDS, FUZZY_MIN_LENGTH } from './ranking';
import { queryTerms, tokenize, toTerm } from './terms';
import type { Ranker, SearchAnswer, SearchDocument } from './types';

export type { CompiledIndex } from './compiled';
export type { Ranker, SearchAnswer, SearchDocument, SearchHit } from './types';

/** One set of options for building, loading and querying, so they can never drift apart. */
export const indexOptions: Options<SearchDocument> = {
  idField: 'id',
  fields: [...FIELDS],
  storeFields: [],
  tokenize: (text) => tokenize(text),
  processTerm: (word) => toTerm(word),
  searchOptions: { tokenize: (text) => tokenize(text), processTerm: (word) => toTerm(word) },
};

const bodyParser = unified().use(remarkParse).use(remarkGfm);

/** The plain text of an article's Markdown body, as indexed and as snippets are cut from. */
export function bodyText(article: Pick<Article, 'body'>): string {
  return plainText(bodyParser.parse(article.body) as Root);
}

/** The document the index stores for an article; `text` is its bodyText when the caller has it already. */
export function toSearchDocument(article: Article, text?: string): SearchDocument {
  return {
    id: article.slug,
    title: article.title,
    summary: article.summary,
    body: text ?? bodyText(article),
    author: article.author.name,
    sections: article.categories.map((c) => c.name).join(' '),
    tags: article.tags.flatMap((t) => [t.name, ...(t.country ? [t.country.name, t.country.code] : []), ...t.aliases]).join(' '),
  };
}

/** Builds an index of `articles`, which the caller has already limited to public ones. */
export function buildSearchIndex(articles: Article[]): MiniSearch<SearchDocument> {
  return indexDocuments(articles.map((article) => toSearchDocument(article)));
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

/** The index the server queries, from a MiniSearch index or its serialised form (no MiniSearch instance is kept). */
export function compileSearchIndex(index: MiniSearch<SearchDocument> | AsPlainObject): CompiledIndex {
  return compileIndex(index);
}

/** The index the server queries, from the serialised form written at build time. */
export function loadSearchIndex(json: string): CompiledIndex {
  return compileIndex(JSON.parse(json) as AsPlainObject);
}

/** Longest query the index is asked; a longer one is cut (at a word). */
export const MAX_QUERY_LENGTH = 200;

/**
 * Articles matching `query`, best first: every term (exactly or as a prefix) if any article has them all;
 * failing that, the same allowing one typo in long words; failing that, any of the terms.
 */
export function answerQuery(query: string, rank: Ranker): SearchAnswer {
  const terms = queryTerms(query.slice(0, MAX_QUERY_LENGTH));
  if (terms.length === 0) return { terms, hits: [], partial: false };
  const exact = rank(terms, 'AND', false);
  if (exact.length > 0) return { terms, hits: exact, partial: false };
  // Typos are looked for only when the words as typed found nothing: fuzzy matching is the costly part of a query.
  const forgiving = terms.some((term) => term.length >= FUZZY_MIN_LENGTH) ? rank(terms, 'AND', true) : [];
  if (forgiving.length > 0 || terms.length === 1) return { terms, hits: forgiving, partial: false };
  return { terms, hits: rank(terms, 'OR', true), partial: true };
}

/** Articles matching `query` in the compiled index, best first (equal scores in index order); see answerQuery. */
export function searchIndex(index: CompiledIndex, query: string): SearchAnswer {
  return answerQuery(query, (terms, combineWith, fuzzy) => rankCompiled(index, terms, combineWith, fuzzy));
}
