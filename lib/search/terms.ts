/**
 * How text becomes search terms, shared by the index, the query and the snippet highlighter so all
 * three agree: case- and diacritic-insensitive (Türkmenistan = turkmenistan), apostrophe-letters
 * folded (Oʻzbekiston = o'zbekiston = ozbekiston), ё = е, and English words reduced to their stem.
 */
import { stemmer } from 'stemmer';

/** Apostrophes and modifier letters that live inside words in Uzbek, Turkmen and English. */
const INNER_APOSTROPHES = /['‘’ʻʼʹ`´]/g;
/** Letters that carry no combining mark to strip but have a plain Latin reading. */
const LATIN_FOLDS: Record<string, string> = { ı: 'i', ø: 'o', ł: 'l', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', ð: 'd', þ: 'th', ə: 'a' };
const LATIN_FOLD_PATTERN = new RegExp(`[${Object.keys(LATIN_FOLDS).join('')}]`, 'g');

/** Lower case without diacritics or inner apostrophes; Cyrillic ё and й fold to е and и. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(INNER_APOSTROPHES, '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(LATIN_FOLD_PATTERN, (letter) => LATIN_FOLDS[letter]!);
}

/** Words too common in English to tell articles apart. */
const STOP_WORDS = new Set(
  'a an and are as at be but by for from has have in into is it its of on or that the their this to was were will with'.split(' '),
);

/** A run of letters and digits, apostrophe-letters inside included, as it appears in the original text. */
export const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'‘’ʻʼʹ`´]*/gu;

/** Splits raw text into raw words. */
export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

// Words repeat: indexing 10,000 articles asks for the same few hundred thousand words millions of times.
const termCache = new Map<string, string | null>();
const TERM_CACHE_LIMIT = 500_000;

/** The term a raw word is indexed and queried as, or null for a word that says nothing. */
export function toTerm(word: string): string | null {
  let term = termCache.get(word);
  if (term === undefined) {
    term = computeTerm(word);
    if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
    termCache.set(word, term);
  }
  return term;
}

function computeTerm(word: string): string | null {
  const folded = foldText(word).replace(/[^\p{L}\p{N}]+/gu, '');
  if (!folded || STOP_WORDS.has(folded)) return null;
  // English (and other plain Latin) words are stemmed, so "sanctions" finds "sanctioned"; other scripts
  // rely on prefix matching, which covers Russian case endings well enough for a news archive.
  return /^[a-z]+$/.test(folded) && folded.length > 3 ? stemmer(folded) : folded;
}

/** The distinct terms of a query, in order, at most `max` of them. */
export function queryTerms(query: string, max = 12): string[] {
  const terms: string[] = [];
  for (const word of tokenize(query)) {
    const term = toTerm(word);
    if (term && !terms.includes(term)) terms.push(term);
    if (terms.length === max) break;
  }
  return terms;
}

/** Query terms this long or longer also match longer words they begin. */
export const PREFIX_MIN_LENGTH = 3;
