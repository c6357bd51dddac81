/**
 * Which addresses the on-demand routes may render (articles published after the build included). Next.js stores whatever such a route renders on its first
 * request, a 404 included, under that address for good (vercel/next.js#73101): left alone, a crawler or a flood of
 * made-up addresses (/page/999999, /tag/<random>) would fill the disk. proxy.ts answers those with the 404 page
 * before any route renders, so only real pages are ever cached.
 */
import { type Article, getAuthor, getCategory, getPublishedArticle, getTag, listByAuthor, listByCategory, listByMonth, listByTag, listByYear, listPublishedArticles } from './content';
import { env } from './env';
import { heroCrops } from './images/hero-crops';
import { cardVersion } from './og/card-data';
import { findPublicCard } from './og/cards';
import { paginate, parsePageParam } from './paging';

/** True when `segments` ([] or ["page", "N"]) name a page of this list (as app/_lib/lists.ts builds it). */
function hasPage(articles: Article[] | undefined, segments: string[]): boolean {
  if (!articles) return false;
  if (segments.length === 0) return true;
  const [word, n, ...rest] = segments;
  const page = word === 'page' && n !== undefined && rest.length === 0 ? parsePageParam(n) : undefined;
  return page !== undefined && paginate(articles, page) !== undefined;
}

const LISTINGS: Record<string, (slug: string) => Article[] | undefined> = {
  category: (slug) => (getCategory(slug) ? listByCategory(slug) : undefined),
  tag: (slug) => (getTag(slug) ? listByTag(slug) : undefined),
  author: (slug) => (getAuthor(slug) ? listByAuthor(slug) : undefined),
};
const nonEmpty = (articles: Article[]) => (articles.length > 0 ? articles : undefined);
/** Files served by other routes under /category/<slug>/ and /tag/<slug>/ (their own params are static). */
const FEED_FILES = new Set(['feed.xml', 'atom.xml', 'feed.json']);

/**
 * False when `pathname` belongs to a route that renders on demand but names nothing that exists; true otherwise
 * (a real page, or an address some other route answers).
 */
export function onDemandPathExists(pathname: string): boolean {
  let segments: string[];
  try {
    segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return false;
  }
  const [first, second, ...rest] = segments;
  if (first === 'page') return hasPage(listPublishedArticles(), segments);
  // An article page, or its no-JavaScript reply form (/articles/<slug>/respond).
  if (first === 'articles') return second === undefined || getPublishedArticle(second) !== undefined;
  if (first !== undefined && first in LISTINGS) {
    if (second === undefined) return true; // /tag itself: no such route, Next answers 404 without rendering
    if (rest.length === 1 && FEED_FILES.has(rest[0]!) && first !== 'author') return LISTINGS[first]!(second) !== undefined;
    return hasPage(LISTINGS[first]!(second), rest);
  }
  if (first === 'archive') {
    if (second === undefined) return true; // /archive: a static page
    const [month, ...after] = rest;
    if (month !== undefined && /^(0[1-9]|1[0-2])$/.test(month)) return hasPage(nonEmpty(listByMonth(second, month)), after);
    return hasPage(nonEmpty(listByYear(second)), rest);
  }
  if (first === 'og' && second !== 'preview' && segments.length === 4) {
    const card = findPublicCard(second!, rest[0]!);
    return card !== undefined && rest[1] === `${cardVersion(card)}.png`;
  }
  if (first === 'hero') {
    const article = second === undefined || segments.length !== 3 ? undefined : getPublishedArticle(second);
    return article !== undefined && heroCrops(article, env().publicDir).some((crop) => crop.path === `/hero/${second}/${rest[0]}`);
  }
  return true;
}
