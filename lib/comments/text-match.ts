/**
 * The forms in which moderation rules compare text, so that a rule cannot be dodged by spelling:
 * look-alike letters from another script, zero-width and bidi characters, full-width or
 * mathematical letters, odd case. Only comparisons use these forms; stored text stays as written.
 */
import unhomoglyph from 'unhomoglyph';

// Format characters (zero-width space and joiners, bidi controls, soft hyphen, BOM) and the other
// default-ignorable code points (Hangul fillers, variation selectors): invisible, so never meaningful to a rule.
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * NFKC, case folded, invisible characters removed, whitespace collapsed: "ＣＡＳ\u200bINO" → "casino".
 * Case folding is upper-then-lower, which folds ß to ss as full case folding does (JavaScript has no
 * case folding of its own; Greek final ς is the one letter this leaves apart from σ).
 */
export function normaliseForComparison(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .toUpperCase()
    .toLowerCase()
    // Capital İ (Turkish, Azerbaijani, Kazakh Latin) lower-cases to i + combining dot; Unicode's Turkic folding makes it i.
    .replace(/i\u0307/g, 'i')
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The UTS #39 skeleton: NFD, every character replaced by its prototype from Unicode's confusables
 * data (the unhomoglyph package), NFD again. Two strings that look alike have the same skeleton;
 * a skeleton is for comparing, never for showing.
 */
export function skeleton(text: string): string {
  return unhomoglyph(text.normalize('NFD')).normalize('NFD');
}

/**
 * The two skeletons of a case-folded text: of its small letters, and of its capitals (lower-cased
 * again). Unicode's data pairs letters as they look in one case, and some look alike in only one:
 * Greek ν is a v but Ν an N; Cyrillic к is no k but К is a K, and Greek χ no x but Χ an X.
 */
function skeletons(folded: string): [string, string] {
  return [skeleton(folded), skeleton(folded.toUpperCase()).toLowerCase()];
}

/** The form of a comment's text and author that the duplicate check hashes: every look-alike folded. */
export function duplicateForm(text: string): string {
  return skeletons(normaliseForComparison(text)).join('\u0000');
}

/**
 * The scripts this publication's readers write in. A word written wholly in one of them is a real
 * word of that script, and is never folded towards a keyword in the other (see keywordMatcher).
 */
type ReadingScript = 'latin' | 'cyrillic';

// A word (letters, marks, digits) or a run of anything between words.
const SEGMENT = /[\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+/gu;
const IS_WORD = /^[\p{L}\p{M}\p{N}]/u;
const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** The scripts a word's letters come from: 'latin', 'cyrillic', or 'other' for every other script. */
function scriptsOf(word: string): Set<ReadingScript | 'other'> {
  const scripts = new Set<ReadingScript | 'other'>();
  for (const ch of word) {
    if (!LETTER.test(ch)) continue;
    scripts.add(LATIN.test(ch) ? 'latin' : CYRILLIC.test(ch) ? 'cyrillic' : 'other');
  }
  return scripts;
}

/**
 * Whether a word is compared by its skeleton when looking for a keyword written in `keywordScripts`.
 * Yes for a word that mixes scripts ("cаsino" with a Cyrillic а), a word in the keyword's own script,
 * a word in a script nobody here writes in (Greek, Cherokee: whole-word spoofs), and a word without
 * letters. No for a word written wholly in Latin or wholly in Cyrillic when the keyword is not: so a
 * Russian or Kazakh word ("хор", "сосна") never turns into an English keyword ("xop", "cocha"),
 * however alike the letters look.
 */
function foldsTowards(word: string, keywordScripts: Set<ReadingScript | 'other'>): boolean {
  const scripts = scriptsOf(word);
  if (scripts.size !== 1) return true;
  const [only] = scripts;
  return only === 'other' || keywordScripts.has(only!) || keywordScripts.size === 0;
}

// Stands for a word kept out of look-alike matching: no keyword's skeleton contains it.
const KEPT = '\u0000';

/** A text prepared once for matching any number of keywords. */
export interface PreparedText {
  /** normaliseForComparison of the text. */
  plain: string;
  /**
   * The plain text's two skeletons (see skeletons), word by word: the words that fold towards a keyword
   * in these scripts by their skeletons, every other word replaced by a mark no keyword matches.
   */
  foldedFor(keywordScripts: Set<ReadingScript | 'other'>): [string, string];
}

/** Normalises a text and keeps each word's skeletons, for matching keywords against it. */
export function prepareText(text: string): PreparedText {
  const plain = normaliseForComparison(text);
  const segments = plain.match(SEGMENT) ?? [];
  const cache = new Map<string, [string, string]>();
  const segmentSkeletons = (segment: string) => {
    let s = cache.get(segment);
    if (s === undefined) cache.set(segment, (s = skeletons(segment)));
    return s;
  };
  const folded = new Map<string, [string, string]>();
  return {
    plain,
    foldedFor(keywordScripts) {
      const key = [...keywordScripts].sort().join(',');
      let result = folded.get(key);
      if (result === undefined) {
        // The separators between words are folded too ("cаsino．example" → "casino.example").
        const parts = segments.map((segment) =>
          !IS_WORD.test(segment) || foldsTowards(segment, keywordScripts) ? segmentSkeletons(segment) : ([KEPT, KEPT] as const),
        );
        result = [parts.map((p) => p[0]).join(''), parts.map((p) => p[1]).join('')];
        folded.set(key, result);
      }
      return result;
    },
  };
}

/** A keyword, normalised and skeletonised once, that tells whether a prepared text contains it. */
export interface KeywordMatcher {
  /** The keyword as the editor wrote it (for the reason recorded with a held comment). */
  keyword: string;
  matches(text: PreparedText): boolean;
}

/**
 * Matches a keyword the way a reader would see it: in the normalised text, or in the text with
 * look-alike letters folded to their skeleton — word by word, and only in words that fold towards
 * the keyword's script (foldsTowards), so that ordinary Russian, Kazakh, Uzbek or Turkmen words are
 * never read as English ones.
 */
export function keywordMatcher(keyword: string): KeywordMatcher | null {
  const plain = normaliseForComparison(keyword);
  if (!plain) return null;
  const scripts = scriptsOf(plain);
  const [small, capital] = skeletons(plain);
  return {
    keyword,
    matches(text) {
      if (text.plain.includes(plain)) return true;
      const [textSmall, textCapital] = text.foldedFor(scripts);
      return textSmall.includes(small) || textCapital.includes(capital);
    },
  };
}
