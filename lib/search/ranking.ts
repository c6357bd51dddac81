/**
 * How hits are ranked, shared by the MiniSearch reference (reference.ts) and the compiled engine
 * (engine.ts) so that the two can never disagree on a weight.
 */

/** The indexed fields, in MiniSearch field-id order. */
export const FIELDS = ['title', 'summary', 'body', 'author', 'sections', 'tags'] as const;
export type Field = (typeof FIELDS)[number];

/** Title matches outrank summary and tag matches, which outrank the body. */
export const BOOST: Record<Field, number> = { title: 6, summary: 2.5, tags: 2, sections: 1.5, author: 2, body: 1 };

/** A word found as the beginning of a longer indexed word counts this much (before MiniSearch's length damping). */
export const PREFIX_WEIGHT = 0.6;
/** A word found with one typo counts this much (before MiniSearch's length damping). */
export const FUZZY_WEIGHT = 0.3;
/** Only query terms this long or longer are matched with one typo. */
export const FUZZY_MIN_LENGTH = 7;
/** MiniSearch's default BM25+ parameters, which the reference uses. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;
