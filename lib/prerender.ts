/**
 * What `next build` renders ahead of time. Every article page, the first pages of every list, the feeds and the
 * sitemaps are static files; deeper list pages, the social cards and hero-image crops of older articles are rendered on their first
 * request and then served from Next's cache like a prerendered page (see docs/benchmarks.md for the measurements).
 * Drafts and scheduled articles are never rendered: their pages keep `dynamicParams = false`, and a card is drawn
 * only for a public article.
 */

/** Pages 1…N of each list (latest, section, tag, author, year, month) are prerendered; later pages on demand. */
export const PRERENDERED_LIST_PAGES = 3;

/** The newest N articles' social cards are drawn at build; older ones on their first request. */
export const PRERENDERED_ARTICLE_CARDS = 100;

/** The newest N articles with a hero image have their crops cut at build; older ones on their first request. */
export const PRERENDERED_HERO_CROPS = 100;
