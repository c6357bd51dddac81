import { createHash } from 'node:crypto';
import type { Article, Author, Category, Tag } from '../content';
import { formatDate } from '../format';
import { site } from '../site';

/** Everything a card draws: text only, from validated content. */
export interface CardData {
  kicker: string;
  title: string;
  byline?: string;
  date?: string;
  tags: string[];
}

export type CardKind = 'article' | 'category' | 'tag' | 'author' | 'home';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

export function articleCard(article: Article): CardData {
  return {
    kicker: article.categories.map((c) => c.name).join(' · '),
    title: article.title,
    byline: `By ${article.author.name}`,
    date: formatDate(article.date),
    tags: article.tags.filter((t) => t.country).map((t) => t.name),
  };
}

export const categoryCard = (category: Category): CardData => ({ kicker: 'Section', title: category.name, byline: category.description, tags: [] });
export const tagCard = (tag: Tag): CardData => ({ kicker: tag.country ? 'Country' : 'Topic', title: tag.country ? `${tag.country.name} (${tag.name})` : tag.name, tags: [] });
export const authorCard = (author: Author): CardData => ({ kicker: 'Author', title: author.name, byline: author.bio, tags: [] });
export const homeCard = (): CardData => ({ kicker: site.tagline, title: site.name, tags: ['KZ', 'KG', 'TJ', 'TM', 'UZ'] });

/** A short hash of what is drawn: the image's address changes whenever its text does, so no platform shows a stale card. */
export function cardVersion(card: CardData): string {
  return createHash('sha256').update(JSON.stringify(card)).digest('base64url').slice(0, 12);
}

/** Site-relative address of a card image. */
export function cardPath(kind: CardKind, slug: string, card: CardData): string {
  return `/og/${kind}/${slug}/${cardVersion(card)}.png`;
}

export interface HeadlineFit {
  fontSize: number;
  text: string;
}

const SIZES = [76, 68, 60, 54, 48, 42, 38];
const LINE_WIDTH_PX = 1040;
const MAX_LINES = 4;
/** Line height the card draws headlines with, and the height the layout leaves them (with a margin for descenders). */
export const HEADLINE_LINE_HEIGHT = 1.15;
const HEADLINE_HEIGHT_PX = 320;

/** Lines that fit the headline area at a size: never more than four. */
const linesAllowed = (fontSize: number) => Math.min(MAX_LINES, Math.floor(HEADLINE_HEIGHT_PX / (fontSize * HEADLINE_LINE_HEIGHT)));
// Average advance of Noto Serif Bold, as a share of the font size; a little generous so lines never overflow.
const CHAR_WIDTH = 0.58;

/** Lines `text` needs at `fontSize`, wrapping at spaces like the renderer does. */
function linesNeeded(text: string, fontSize: number): number {
  const perLine = Math.floor(LINE_WIDTH_PX / (fontSize * CHAR_WIDTH));
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/)) {
    const length = [...word].length;
    const needed = used === 0 ? length : used + 1 + length;
    if (needed <= perLine) used = needed;
    else {
      lines += Math.ceil(Math.max(length, 1) / perLine);
      used = length % perLine || perLine;
    }
  }
  return lines;
}

/** The largest size at which the headline fits its area (at most four lines); past the smallest size, it is cut at a word with an ellipsis. */
export function fitHeadline(title: string): HeadlineFit {
  for (const fontSize of SIZES) if (linesNeeded(title, fontSize) <= linesAllowed(fontSize)) return { fontSize, text: title };
  const fontSize = SIZES.at(-1)!;
  const words = title.split(/\s+/);
  let text = '';
  for (const word of words) {
    const next = text ? `${text} ${word}` : word;
    if (linesNeeded(`${next}…`, fontSize) > MAX_LINES) break;
    text = next;
  }
  if (!text) text = [...title].slice(0, Math.floor(LINE_WIDTH_PX / (fontSize * CHAR_WIDTH)) * MAX_LINES - 1).join('');
  return { fontSize, text: `${text.replace(/[\s,;:.–—-]+$/, '')}…` };
}
