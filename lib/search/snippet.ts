/**
 * Highlighted snippets: the stretch of an article's text where the matched words cluster, as plain
 * segments (never HTML), so a page or a script renders the marks itself and nothing is injected.
 */
import { toTerm, WORD } from './terms';

export interface Segment {
  text: string;
  mark?: true;
}

interface Hit {
  start: number;
  end: number;
}

/** Where the words of `text` whose term is in `terms` are. */
function findHits(text: string, terms: ReadonlySet<string>): Hit[] {
  const hits: Hit[] = [];
  for (const match of text.matchAll(WORD)) {
    const term = toTerm(match[0]);
    if (term && terms.has(term)) hits.push({ start: match.index, end: match.index + match[0].length });
  }
  return hits;
}

/** Splits `text` into plain and marked segments around `hits`. */
function segmentsOf(text: string, hits: Hit[], offset = 0): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const hit of hits) {
    const start = hit.start - offset;
    const end = hit.end - offset;
    if (start < at || end > text.length) continue;
    if (start > at) segments.push({ text: text.slice(at, start) });
    segments.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  return segments;
}

/** `text` with every matched word marked (for titles and deks). */
export function highlight(text: string, terms: Iterable<string>): Segment[] {
  return segmentsOf(text, findHits(text, new Set(terms)));
}

/**
 * About `length` characters of `text` around its densest cluster of matched words, cut at word
 * boundaries, with an ellipsis where it was cut; the opening of the text when nothing matched.
 */
export function snippet(text: string, terms: Iterable<string>, length = 220): Segment[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const hits = findHits(flat, new Set(terms));
  let from = 0;
  let anchor = 0;
  if (hits.length > 0) {
    // The window starting a little before some hit that covers the most hits.
    let best = 0;
    let bestCount = 0;
    for (let i = 0, j = 0; i < hits.length; i++) {
      while (j < hits.length && hits[j]!.end - hits[i]!.start <= length * 0.8) j++;
      if (j - i > bestCount) {
        bestCount = j - i;
        best = i;
      }
    }
    anchor = hits[best]!.start;
    from = Math.max(0, anchor - Math.round(length * 0.2));
  }
  let to = Math.min(flat.length, from + length);
  if (from > 0) {
    const space = flat.indexOf(' ', from);
    if (space !== -1 && space < anchor) from = space + 1;
  }
  if (to < flat.length) {
    const space = flat.lastIndexOf(' ', to);
    if (space > from) to = space;
  }
  const segments = segmentsOf(flat.slice(from, to), hits, from);
  if (from > 0) segments.unshift({ text: '… ' });
  if (to < flat.length) segments.push({ text: ' …' });
  return segments;
}
