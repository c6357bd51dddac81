/** The search index's shapes, in their own module so that the engine (./engine.ts) and the module that builds and queries the index (./index.ts) need not import each other. */

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

export interface SearchHit {
  readonly slug: string;
  readonly score: number;
  /** Query terms this article matched, as indexed terms (for highlighting); the compiled engine looks them up when first read. */
  readonly terms: string[];
}

export interface SearchAnswer {
  /** The query's meaningful terms after folding and stemming; empty when it had none. */
  terms: string[];
  hits: SearchHit[];
  /** True when no article held every term and the hits hold only some of them. */
  partial: boolean;
}

/** Ranks documents for folded, stemmed query terms: every term (AND) or any (OR), with or without one typo in long words. */
export type Ranker = (terms: string[], combineWith: 'AND' | 'OR', fuzzy: boolean) => SearchHit[];
