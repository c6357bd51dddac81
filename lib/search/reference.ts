/**
 * The ranking reference: the same questions asked of MiniSearch's own search(). The server does not
 * use it (it queries the compiled index); the differential test and `npm run bench:search -- --engine
 * minisearch` do, so the compiled engine is checked against, and timed against, the library it mirrors.
 */
import MiniSearch, { type AsPlainObject, type SearchOptions } from 'minisearch';
import { answerQuery, indexOptions, type SearchAnswer, type SearchDocument } from './index';
import { BOOST, FUZZY_MIN_LENGTH, FUZZY_WEIGHT, PREFIX_WEIGHT } from './ranking';
import { PREFIX_MIN_LENGTH } from './terms';

/** MiniSearch's options for one pass of a query. */
export const miniSearchOptions = (combineWith: 'AND' | 'OR', fuzzy: boolean): SearchOptions => ({
  combineWith,
  boost: BOOST,
  prefix: (term) => term.length >= PREFIX_MIN_LENGTH,
  // One typo in a long word: "Kyrgystan" still finds Kyrgyzstan.
  fuzzy: fuzzy ? (term) => (term.length >= FUZZY_MIN_LENGTH ? 1 : false) : false,
  maxFuzzy: 1,
  weights: { prefix: PREFIX_WEIGHT, fuzzy: FUZZY_WEIGHT },
  // Terms are already folded and stemmed, so the index is queried with them as they are.
  tokenize: (text) => text.split(' '),
  processTerm: (term) => term,
});

/** A MiniSearch instance from the serialised index, as the server loaded it before the compiled engine. */
export function loadMiniSearch(js: AsPlainObject): MiniSearch<SearchDocument> {
  return MiniSearch.loadJS<SearchDocument>(js, indexOptions);
}

/** Articles matching `query`, asked of MiniSearch's search(); the same strategy as searchIndex. */
export function searchWithMiniSearch(index: MiniSearch<SearchDocument>, query: string): SearchAnswer {
  return answerQuery(query, (terms, combineWith, fuzzy) =>
    index.search(terms.join(' '), miniSearchOptions(combineWith, fuzzy)).map((result) => ({ slug: String(result.id), score: result.score, terms: result.terms })),
  );
}
