/**
 * The index as the server holds it: MiniSearch's serialised index (serializationVersion 2, the
 * documented `toJSON` shape) compiled at load into a sorted term list and a few typed arrays.
 * MiniSearch keeps a Map per term and field and allocates objects per matching document per query;
 * this form answers a query with array scans, so a common word in 9,000 of 10,000 articles costs
 * microseconds, not milliseconds. Built by MiniSearch, queried by engine.ts.
 */
import type MiniSearch from 'minisearch';
import type { AsPlainObject } from 'minisearch';
import { BM25 } from './ranking';

export interface CompiledIndex {
  /** Every indexed term in UTF-16 code-unit order, so the terms a prefix begins are one contiguous range. */
  readonly terms: readonly string[];
  /** Field names by field id (MiniSearch's `fieldIds`). */
  readonly fields: readonly string[];
  /** Postings of term t in field f are postingStart[t * fields + f] up to postingStart[t * fields + f + 1]. */
  readonly postingStart: Uint32Array;
  /** Document numbers, ascending within each term and field. */
  readonly postingDocs: Uint16Array | Uint32Array;
  /** How often the term occurs in that document's field. */
  readonly postingFreqs: Uint8Array | Uint16Array | Uint32Array;
  /** Per field f and document d, at f * slugs.length + d: BM25's k·(1 − b + b·length/average), computed as MiniSearch does. */
  readonly lengthNorm: Float64Array;
  /** The document count BM25's inverse document frequency uses (MiniSearch's `documentCount`). */
  readonly documentCount: number;
  /** Each document number's id (the article's slug). */
  readonly slugs: readonly string[];
  /** Term numbers by term length, for typo candidates: those of length n are at lengthStart[n] up to lengthStart[n + 1]. */
  readonly termsByLength: Uint32Array;
  readonly lengthStart: Uint32Array;
}

type FieldPostings = Record<string, number>;

const smallestUint = (max: number, length: number) => (max <= 0xff ? new Uint8Array(length) : max <= 0xffff ? new Uint16Array(length) : new Uint32Array(length));

/** Compiles a MiniSearch index (or its serialised form) into the compact form the engine queries. */
export function compileIndex(source: AsPlainObject | MiniSearch): CompiledIndex {
  const js: AsPlainObject = 'toJSON' in source ? source.toJSON() : source;
  if (js.serializationVersion !== 2) throw new Error(`search index: serialisation version ${String(js.serializationVersion)}, expected 2`);

  // Documents get dense numbers in short-id order; postings of documents no longer in the index are dropped.
  const shortIds = Object.keys(js.documentIds).map(Number).sort((a, b) => a - b);
  const dense = new Map<number, number>(shortIds.map((id, d) => [id, d]));
  const slugs = shortIds.map((id) => String(js.documentIds[id]));
  const docs = slugs.length;

  const fields: string[] = [];
  for (const [name, id] of Object.entries(js.fieldIds)) fields[id] = name;
  const fieldCount = fields.length;

  const lengthNorm = new Float64Array(fieldCount * docs);
  for (let d = 0; d < docs; d++) {
    const lengths = js.fieldLength[shortIds[d]!] ?? [];
    for (let f = 0; f < fieldCount; f++) {
      lengthNorm[f * docs + d] = BM25.k * (1 - BM25.b + (BM25.b * (lengths[f] ?? 0)) / js.averageFieldLength[f]!);
    }
  }

  const entries = js.index.slice().sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const terms = entries.map(([term]) => term);

  // First pass: how many postings, and how large a frequency gets.
  let total = 0;
  let maxFreq = 0;
  for (const [, data] of entries) {
    for (const fieldId in data) {
      const postings = data[fieldId] as FieldPostings;
      for (const shortId in postings) {
        total++;
        if (postings[shortId]! > maxFreq) maxFreq = postings[shortId]!;
      }
    }
  }

  const postingStart = new Uint32Array(terms.length * fieldCount + 1);
  const postingDocs = docs <= 0x10000 ? new Uint16Array(total) : new Uint32Array(total);
  const postingFreqs = smallestUint(maxFreq, total);
  let at = 0;
  for (let t = 0; t < entries.length; t++) {
    const data = entries[t]![1];
    for (let f = 0; f < fieldCount; f++) {
      postingStart[t * fieldCount + f] = at;
      const postings = data[f] as FieldPostings | undefined;
      if (!postings) continue;
      const start = at;
      // Integer-like keys enumerate in ascending numeric order, and dense numbers follow short ids.
      for (const shortId in postings) {
        const d = dense.get(Number(shortId));
        if (d === undefined) continue;
        postingDocs[at] = d;
        postingFreqs[at++] = postings[shortId]!;
      }
      if (!isAscending(postingDocs, start, at)) sortPostings(postingDocs, postingFreqs, start, at);
    }
  }
  postingStart[terms.length * fieldCount] = at;

  const { termsByLength, lengthStart } = groupByLength(terms);
  return {
    terms,
    fields,
    postingStart,
    postingDocs: postingDocs.subarray(0, at),
    postingFreqs: postingFreqs.subarray(0, at),
    lengthNorm,
    documentCount: js.documentCount,
    slugs,
    termsByLength,
    lengthStart,
  };
}

function isAscending(values: ArrayLike<number>, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (values[i - 1]! >= values[i]!) return false;
  return true;
}

/** Sorts one posting list by document (only an index built by hand out of order needs it). */
function sortPostings(docs: Uint16Array | Uint32Array, freqs: Uint8Array | Uint16Array | Uint32Array, from: number, to: number) {
  const pairs = Array.from({ length: to - from }, (_, i) => [docs[from + i]!, freqs[from + i]!] as const).sort((a, b) => a[0] - b[0]);
  pairs.forEach(([d, freq], i) => {
    docs[from + i] = d;
    freqs[from + i] = freq;
  });
}

/** Term numbers ordered by term length (a counting sort), with where each length starts. */
function groupByLength(terms: readonly string[]): { termsByLength: Uint32Array; lengthStart: Uint32Array } {
  let longest = 0;
  for (const term of terms) if (term.length > longest) longest = term.length;
  const lengthStart = new Uint32Array(longest + 2);
  for (const term of terms) lengthStart[term.length + 1]!++;
  for (let n = 1; n < lengthStart.length; n++) lengthStart[n]! += lengthStart[n - 1]!;
  const next = lengthStart.slice(0, longest + 1);
  const termsByLength = new Uint32Array(terms.length);
  terms.forEach((term, t) => {
    termsByLength[next[term.length]!++] = t;
  });
  return { termsByLength, lengthStart };
}

/** Bytes held by the typed arrays (off the JavaScript heap) and, roughly, by the term and slug strings. */
export function compiledIndexBytes(index: CompiledIndex): { arrays: number; strings: number } {
  const arrays = [index.postingStart, index.postingDocs, index.postingFreqs, index.lengthNorm, index.termsByLength, index.lengthStart].reduce((sum, a) => sum + a.byteLength, 0);
  // A V8 one-byte string is about 16 bytes of header plus its characters; two-byte strings take two per character.
  const stringBytes = (s: string) => 16 + (/^[\x00-\xff]*$/.test(s) ? s.length : 2 * s.length);
  const strings = [...index.terms, ...index.slugs].reduce((sum, s) => sum + stringBytes(s) + 8, 0);
  return { arrays, strings };
}
