/**
 * Queries a compiled index with MiniSearch's own scoring (BM25+ per field, field boosts, prefix and
 * typo weights, AND/OR, `score × matched query terms`), so its answers equal MiniSearch's `search()`
 * with reference.ts's options. Scores accumulate in one Float64Array per index, reused by every
 * query: no object per matching document until the ranked hits are handed out.
 */
import type { CompiledIndex } from './compiled';
import { BM25, BOOST, FUZZY_MIN_LENGTH, FUZZY_WEIGHT, PREFIX_WEIGHT, type Field } from './ranking';
import { PREFIX_MIN_LENGTH } from './terms';
import type { SearchHit } from './types';

/** The indexed terms one query term stands for, with the weight each counts with. */
interface Expansion {
  terms: number[];
  weights: number[];
}

interface Scratch {
  score: Float64Array;
  /** How many of the query's terms each document matched. */
  matched: Uint8Array;
  /** Which query term last touched each document, so a document counts once per query term. */
  stamp: Uint32Array;
  nextStamp: number;
  boosts: Float64Array;
}

const scratches = new WeakMap<CompiledIndex, Scratch>();

function scratchFor(index: CompiledIndex): Scratch {
  let scratch = scratches.get(index);
  if (!scratch) {
    const docs = index.slugs.length;
    const boosts = Float64Array.from(index.fields, (field) => BOOST[field as Field] ?? 1);
    scratch = { score: new Float64Array(docs), matched: new Uint8Array(docs), stamp: new Uint32Array(docs), nextStamp: 0, boosts };
    scratches.set(index, scratch);
  }
  return scratch;
}

/** Index of the first term not below `term` (code-unit order). */
function lowerBound(terms: readonly string[], term: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]! < term) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Is `a` one insertion, deletion or substitution away from `b` (Levenshtein distance exactly 1, in UTF-16 units as MiniSearch counts)? */
export function oneEditApart(a: string, b: string): boolean {
  if (a.length === b.length) {
    let differences = 0;
    for (let i = 0; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i) && ++differences > 1) return false;
    return differences === 1;
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length !== 1) return false;
  let i = 0;
  while (i < short.length && short.charCodeAt(i) === long.charCodeAt(i)) i++;
  for (; i < short.length; i++) if (short.charCodeAt(i) !== long.charCodeAt(i + 1)) return false;
  return true;
}

/** The terms `query` matches as MiniSearch's executeQuerySpec finds them: exact, by prefix, with one typo. */
function expand(index: CompiledIndex, query: string, fuzzy: boolean): Expansion {
  const { terms } = index;
  const expansion: Expansion = { terms: [], weights: [] };
  const first = lowerBound(terms, query);
  if (terms[first] === query) {
    expansion.terms.push(first);
    expansion.weights.push(1);
  }
  const prefix = query.length >= PREFIX_MIN_LENGTH;
  if (prefix) {
    for (let t = terms[first] === query ? first + 1 : first; t < terms.length && terms[t]!.startsWith(query); t++) {
      const term = terms[t]!;
      const distance = term.length - query.length;
      expansion.terms.push(t);
      expansion.weights.push((PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance));
    }
  }
  if (fuzzy && query.length >= FUZZY_MIN_LENGTH) {
    const { termsByLength, lengthStart } = index;
    const from = lengthStart[Math.min(query.length - 1, lengthStart.length - 1)]!;
    const to = lengthStart[Math.min(query.length + 2, lengthStart.length - 1)]!;
    for (let i = from; i < to; i++) {
      const t = termsByLength[i]!;
      const term = terms[t]!;
      // A term one letter longer that begins with the query is a prefix match, and MiniSearch scores it as one.
      if (!oneEditApart(query, term) || (prefix && term.startsWith(query))) continue;
      expansion.terms.push(t);
      expansion.weights.push((FUZZY_WEIGHT * term.length) / (term.length + 1));
    }
  }
  return expansion;
}

/** Adds one indexed term's BM25+ score, in every field, to the documents that hold it (MiniSearch's termResults). */
function addTerm(index: CompiledIndex, scratch: Scratch, t: number, weight: number, stamp: number): void {
  const { postingStart, postingDocs, postingFreqs, lengthNorm, documentCount } = index;
  const { score, matched, stamp: stamps, boosts } = scratch;
  const fieldCount = index.fields.length;
  const docs = index.slugs.length;
  const { k, d: delta } = BM25;
  for (let f = 0; f < fieldCount; f++) {
    const start = postingStart[t * fieldCount + f]!;
    const end = postingStart[t * fieldCount + f + 1]!;
    if (start === end) continue;
    const matching = end - start;
    const idf = Math.log(1 + (documentCount - matching + 0.5) / (matching + 0.5));
    const fieldWeight = weight * boosts[f]!;
    const norms = f * docs;
    for (let i = start; i < end; i++) {
      const d = postingDocs[i]!;
      const freq = postingFreqs[i]!;
      score[d]! += fieldWeight * (idf * (delta + (freq * (k + 1)) / (freq + lengthNorm[norms + d]!)));
      if (stamps[d] !== stamp) {
        stamps[d] = stamp;
        matched[d]!++;
      }
    }
  }
}

/** Does document `d` hold term `t` in any field? */
function holds(index: CompiledIndex, t: number, d: number): boolean {
  const fieldCount = index.fields.length;
  for (let f = 0; f < fieldCount; f++) {
    let lo = index.postingStart[t * fieldCount + f]!;
    let hi = index.postingStart[t * fieldCount + f + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = index.postingDocs[mid]!;
      if (at === d) return true;
      if (at < d) lo = mid + 1;
      else hi = mid;
    }
  }
  return false;
}

/** A ranked document; the indexed terms it matched (for highlighting) are looked up only if asked for. */
class CompiledHit implements SearchHit {
  #terms: string[] | undefined;
  readonly #index: CompiledIndex;
  readonly #expansions: Expansion[];
  readonly #doc: number;

  constructor(index: CompiledIndex, expansions: Expansion[], doc: number, readonly slug: string, readonly score: number) {
    this.#index = index;
    this.#expansions = expansions;
    this.#doc = doc;
  }

  get terms(): string[] {
    if (!this.#terms) {
      const found = new Set<string>();
      for (const { terms } of this.#expansions) {
        for (const t of terms) if (!found.has(this.#index.terms[t]!) && holds(this.#index, t, this.#doc)) found.add(this.#index.terms[t]!);
      }
      this.#terms = [...found];
    }
    return this.#terms;
  }
}

/**
 * Documents matching `queryTerms` (already folded and stemmed, distinct), best first; equal scores in
 * index order. AND wants every term, OR any; `fuzzy` also lets long terms match with one typo.
 */
export function rankCompiled(index: CompiledIndex, queryTerms: readonly string[], combineWith: 'AND' | 'OR', fuzzy: boolean): SearchHit[] {
  const expansions = queryTerms.map((term) => expand(index, term, fuzzy));
  if (combineWith === 'AND' && expansions.some((e) => e.terms.length === 0)) return [];
  const scratch = scratchFor(index);
  const { score, matched } = scratch;
  score.fill(0);
  matched.fill(0);
  for (const { terms, weights } of expansions) {
    if (scratch.nextStamp === 0xffffffff) {
      scratch.stamp.fill(0);
      scratch.nextStamp = 0;
    }
    const stamp = ++scratch.nextStamp;
    for (let i = 0; i < terms.length; i++) addTerm(index, scratch, terms[i]!, weights[i]!, stamp);
  }
  const needed = combineWith === 'AND' ? queryTerms.length : 1;
  let count = 0;
  for (let d = 0; d < matched.length; d++) if (matched[d]! >= needed) count++;
  const docs = new Uint32Array(count);
  for (let d = 0, at = 0; d < matched.length; d++) {
    if (matched[d]! < needed) continue;
    docs[at++] = d;
    // As MiniSearch's search(): a document's score times how many of the query's terms it matched.
    score[d]! *= matched[d]!;
  }
  const ranked = byScore(docs, score);
  return Array.from(ranked, (d) => new CompiledHit(index, expansions, d, index.slugs[d]!, score[d]!));
}

/**
 * `docs` (ascending) ordered by descending score, equal scores in index order. The scores are sorted by the
 * typed array's native sort and each document placed at its score's first free rank: several times faster
 * than sorting with a comparator when thousands of articles match.
 */
function byScore(docs: Uint32Array, score: Float64Array): Uint32Array {
  const keys = new Float64Array(docs.length);
  for (let i = 0; i < docs.length; i++) keys[i] = -score[docs[i]!]!;
  keys.sort();
  const taken = new Uint32Array(docs.length);
  const ranked = new Uint32Array(docs.length);
  for (const d of docs) {
    const key = -score[d]!;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    ranked[lo + taken[lo]!++] = d;
  }
  return ranked;
}
