/**
 * The content API for pages: published articles only, unless a function says otherwise.
 * Everything is read once per server process from CONTENT_DIR and kept in memory.
 */
import path from 'node:path';
import { buildConstants, env } from '../env';
import { yearMonth } from '../format';
import { loadLibraryCached, readLibraryTexts } from './library-cache';
import { loadLibrary } from './load';
import { readsContentDirectly } from './reading';
import { renderMarkdown } from './render';
import type { Article, Author, Category, Library, Tag } from './types';

export type { Article, Author, Category, Library, Tag } from './types';
/** The one parser of a slug, for routes that take one from a request as for the content that defines it. */
export { slugSchema } from './schema';

/** What this module keeps in memory once read. */
interface ContentState {
  library?: Library;
  /** The instant "published" is judged at (publicationCutoff); moved on by each publish. */
  cutoff?: Date;
  published?: Article[];
  /** Position of each public article in `published`: lookups by slug stay O(1) with ten thousand articles. */
  publishedIndex?: Map<string, number>;
  /** Lists already filtered from `published` (by category, tag, author, year, month), computed once each. */
  lists: Map<string, Article[]>;
  /**
   * Rendered bodies by slug, with the body they were rendered from (a preview may read a newer one from disk); the
   * most recently used HTML_CACHE_SIZE only, so ten thousand articles' HTML does not stay in a build worker's memory.
   */
  htmlCache: Map<string, { body: string; html: string }>;
}
const HTML_CACHE_SIZE = 500;

const newState = (): ContentState => ({ lists: new Map(), htmlCache: new Map() });
const SHARED = Symbol.for('eurasian-star.content');
let moduleState: ContentState | undefined;

/**
 * One state per process and content folder. Next bundles this module into several server chunks (pages, route
 * handlers, the proxy, instrumentation), and each chunk has its own instance of it: kept per instance, a build
 * worker or a server held the 10,000-article library once per chunk. Read directly (tests, ./reading.ts), each
 * instance keeps its own: tests reset modules to read other content folders under the same names.
 */
function state(): ContentState {
  if (readsContentDirectly()) return (moduleState ??= newState());
  const shared = ((globalThis as { [SHARED]?: Map<string, ContentState> })[SHARED] ??= new Map());
  const key = `${env().contentDir}\0${env().publicDir}`;
  let current = shared.get(key);
  if (!current) {
    current = newState();
    shared.set(key, current);
  }
  return current;
}

/** In the private data folder, never in .next: the library holds drafts, and build output must not. */
export const libraryCacheDir = () => path.join(env().dataDir, 'cache');

/** The whole validated library, drafts included: for build checks and editors, never for public lists. */
export function getLibrary(): Library {
  const current = state();
  if (!current.library) {
    const options = { contentDir: env().contentDir, publicDir: env().publicDir };
    current.library = readsContentDirectly() ? loadLibrary(options) : loadLibraryCached(options, libraryCacheDir());
  }
  return current.library;
}

/**
 * Every article's plain text by slug, as validation computed it, when the library cache holds it for the content
 * as it is now; undefined otherwise (read directly, or no cache). Read on each call, not kept: only the build needs it.
 */
export function readArticleTexts(): Map<string, string> | undefined {
  if (readsContentDirectly()) return undefined;
  return readLibraryTexts({ contentDir: env().contentDir, publicDir: env().publicDir }, libraryCacheDir());
}

/** A published article whose date has passed is public; a draft or a scheduled one is not. */
export function isPublic(article: Pick<Article, 'status' | 'date'>, now: Date = new Date()): boolean {
  return article.status === 'published' && Date.parse(article.date) <= now.getTime();
}

/**
 * The moment "published" is judged at. Inside the built site it starts at the build's time (the prerendered pages
 * were judged then) and moves on only when the content is published (lib/publish/): every page, list, feed and the
 * search index agree on one instant, so a scheduled article appears everywhere at once, never on some pages first.
 * Elsewhere (scripts, tests) it is the current time.
 */
export function publicationCutoff(): Date {
  const current = state();
  if (current.cutoff) return current.cutoff;
  const builtAt = buildConstants.builtAt();
  return builtAt ? (current.cutoff = new Date(builtAt)) : new Date();
}

/**
 * Puts a newly validated library in place, judged at `cutoff`, for every page rendered from now on. The lists
 * derived from the old one, and the rendered bodies, go with it.
 */
export function replaceLibrary(library: Library, cutoff: Date): void {
  const current = state();
  current.library = library;
  current.cutoff = cutoff;
  current.published = undefined;
  current.publishedIndex = undefined;
  current.lists = new Map();
  // A body renders with its images' sizes: a replaced image must not keep its old size in cached HTML.
  current.htmlCache = new Map();
}

/** Every public article, newest first. */
export function listPublishedArticles(): Article[] {
  const current = state();
  current.published ??= getLibrary().articles.filter((article) => isPublic(article, publicationCutoff()));
  return current.published;
}

function indexOfPublished(slug: string): number | undefined {
  const current = state();
  current.publishedIndex ??= new Map(listPublishedArticles().map((article, i) => [article.slug, i]));
  return current.publishedIndex.get(slug);
}

/** The public article with this slug, if there is one. */
export function getPublishedArticle(slug: string): Article | undefined {
  const index = indexOfPublished(slug);
  return index === undefined ? undefined : listPublishedArticles()[index];
}

/** The article body as sanitised HTML. */
export function getArticleHtml(article: Article): string {
  const { htmlCache } = state();
  const cached = htmlCache.get(article.slug);
  htmlCache.delete(article.slug); // re-inserted below: a Map keeps insertion order, so the first key is the least recent
  if (cached?.body === article.body) {
    htmlCache.set(article.slug, cached);
    return cached.html;
  }
  const html = renderMarkdown(article.body, { publicDir: env().publicDir, siteUrl: env().SITE_URL });
  htmlCache.set(article.slug, { body: article.body, html });
  if (htmlCache.size > HTML_CACHE_SIZE) htmlCache.delete(htmlCache.keys().next().value!);
  return html;
}

export const getCategory = (slug: string): Category | undefined => getLibrary().categories.get(slug);
export const getTag = (slug: string): Tag | undefined => getLibrary().tags.get(slug);
export const getAuthor = (slug: string): Author | undefined => getLibrary().authors.get(slug);
export const listCategories = (): Category[] => [...getLibrary().categories.values()];
export const listTags = (): Tag[] => [...getLibrary().tags.values()];
export const listAuthors = (): Author[] => [...getLibrary().authors.values()];

/** A filtered list of public articles, computed once per key: every page of a list shares it. */
function cachedList(key: string, keep: (article: Article) => boolean): Article[] {
  const { lists } = state();
  let list = lists.get(key);
  if (!list) {
    list = listPublishedArticles().filter(keep);
    lists.set(key, list);
  }
  return list;
}

export const listByCategory = (slug: string) => cachedList(`category\0${slug}`, (a) => a.categories.some((c) => c.slug === slug));
export const listByTag = (slug: string) => cachedList(`tag\0${slug}`, (a) => a.tags.some((t) => t.slug === slug));
export const listByAuthor = (slug: string) => cachedList(`author\0${slug}`, (a) => a.author.slug === slug);
export const listByYear = (year: string) => cachedList(`year\0${year}`, (a) => yearMonth(a.date).year === year);
export const listByMonth = (year: string, month: string) =>
  cachedList(`month\0${year}\0${month}`, (a) => {
    const ym = yearMonth(a.date);
    return ym.year === year && ym.month === month;
  });

export interface ArchiveYear {
  year: string;
  count: number;
  months: { month: string; count: number }[];
}

/** Years and months that have public articles, newest first, with counts. */
export function listArchive(): ArchiveYear[] {
  const years = new Map<string, Map<string, number>>();
  for (const article of listPublishedArticles()) {
    const { year, month } = yearMonth(article.date);
    const months = years.get(year) ?? new Map<string, number>();
    months.set(month, (months.get(month) ?? 0) + 1);
    years.set(year, months);
  }
  return [...years.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([year, months]) => ({
      year,
      count: [...months.values()].reduce((sum, n) => sum + n, 0),
      months: [...months.entries()].sort(([a], [b]) => b.localeCompare(a)).map(([month, count]) => ({ month, count })),
    }));
}

/** Public articles sharing the most tags and categories with `article`, newest first on ties. */
export function listRelatedArticles(article: Article, limit = 3): Article[] {
  if (limit < 1) return [];
  const tags = new Set(article.tags.map((t) => t.slug));
  const categories = new Set(article.categories.map((c) => c.slug));
  // One pass keeping the best `limit` (every article page does this over every article: no sorting, no copies).
  const best: { other: Article; score: number }[] = [];
  for (const other of listPublishedArticles()) {
    if (other.slug === article.slug) continue;
    let score = 0;
    for (const t of other.tags) if (tags.has(t.slug)) score += 2;
    for (const c of other.categories) if (categories.has(c.slug)) score += 1;
    if (score === 0 || (best.length === limit && score <= best[limit - 1]!.score)) continue;
    // After every equal score: the list is newest first, so the newer article wins a tie.
    let at = best.length;
    while (at > 0 && best[at - 1]!.score < score) at -= 1;
    best.splice(at, 0, { other, score });
    if (best.length > limit) best.pop();
  }
  return best.map(({ other }) => other);
}

/** The public articles just before (older) and after (newer) this one by date. */
export function getAdjacentArticles(article: Article): { older?: Article; newer?: Article } {
  const list = listPublishedArticles();
  const index = indexOfPublished(article.slug);
  if (index === undefined) return {};
  return { newer: list[index - 1], older: list[index + 1] };
}
