/**
 * The whole import worked out in memory, before anything is written: every article's file, the comments, the
 * registry additions, the media to copy and the redirect table. A problem anywhere throws here, and then nothing has
 * been touched.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { NewCommentRow } from '../../db/schema';
import { mapComments } from './comments';
import { type PlannedArticle, type Warning, mapItem, mapStatus } from './map';
import { MediaPlan } from './media';
import { RedirectTable } from './redirects';
import { SlugRegistry } from './slug';
import { TermMapper } from './terms';
import type { WxrExport, WxrItem } from './wxr-types';

export const MANIFEST = 'wordpress-import.json';

/** What the importer wrote last time, by post: lets a rerun tell its own unchanged file from an editor's edit. */
export interface Manifest {
  version: 1;
  articles: Record<string, { slug: string; sha256: string }>;
}

export const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

export function readManifest(contentDir: string): Manifest {
  const file = path.join(contentDir, MANIFEST);
  if (!fs.existsSync(file)) return { version: 1, articles: {} };
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

export interface ImportPlan {
  articles: PlannedArticle[];
  comments: NewCommentRow[];
  commentSkips: Map<string, number>;
  read: Record<string, number>;
  skipped: Record<string, number>;
  terms: TermMapper;
  media: MediaPlan;
  redirects: RedirectTable;
  warnings: Warning[];
}

const bump = (counts: Record<string, number>, key: string, by = 1) => (counts[key] = (counts[key] ?? 0) + by);

export interface PlanOptions {
  contentDir: string;
  uploadsDir?: string;
  now: Date;
  manifest: Manifest;
  hashIps: boolean;
}

/**
 * Maps an export against the content folder as it is now, one item at a time: `header` is the export as a first pass
 * read it (its items: the attachments only), then add() takes each item of a second pass, and finish() the plan.
 */
export function createPlanner(header: WxrExport, options: PlanOptions): { add(item: WxrItem): void; finish(): ImportPlan } {
  const wxr = header;
  const warnings: Warning[] = [];
  const warn = (postId: string, message: string) => warnings.push({ postId, message });
  const terms = new TermMapper(options.contentDir, wxr);
  const media = new MediaPlan(options.uploadsDir);
  const slugs = new SlugRegistry();
  const articlesDir = path.join(options.contentDir, 'articles');
  if (fs.existsSync(articlesDir)) for (const name of fs.readdirSync(articlesDir)) if (name.endsWith('.md')) slugs.claim(name.slice(0, -3));
  const owned = options.manifest.articles;
  for (const entry of Object.values(owned)) slugs.claim(entry.slug);
  const attachments = new Map<string, WxrItem>();
  const attachedTo = new Map<string, WxrItem[]>();
  for (const item of wxr.items) {
    if (item.postType !== 'attachment') continue;
    attachments.set(item.id, item);
    attachedTo.set(item.parent, [...(attachedTo.get(item.parent) ?? []), item]);
  }
  const ctx = { wxr, terms, media, attachments, attachedTo, now: options.now, warn, claimSlug: (key: string, wanted: string) => owned[key]?.slug ?? slugs.claim(wanted) };

  const read: Record<string, number> = {};
  const skipped: Record<string, number> = {};
  const articles: PlannedArticle[] = [];
  const comments: NewCommentRow[] = [];
  const commentSkips = new Map<string, number>();
  const seenHashes = new Set<string>();
  const redirects = new RedirectTable();
  const publicAuthors = new Set<string>();
  const add = (item: WxrItem) => {
    bump(read, item.postType);
    bump(read, 'comments', item.comments.length);
    const status = mapStatus(item, options.now);
    if ('skip' in status) {
      bump(skipped, status.skip);
      if (item.comments.length > 0) commentSkips.set('on a post not imported', (commentSkips.get('on a post not imported') ?? 0) + item.comments.length);
      return;
    }
    const article = mapItem(item, status.visibility, ctx);
    articles.push(article);
    const mapped = mapComments(article.slug, wxr.blogUrl, item.comments, options.now, (m) => warn(item.id, m), seenHashes, options.hashIps);
    comments.push(...mapped.rows);
    article.comments = []; // stored as rows now; the WordPress objects are not needed again
    for (const [reason, n] of mapped.skipped) commentSkips.set(reason, (commentSkips.get(reason) ?? 0) + n);
    if (status.visibility !== 'published') return;
    publicAuthors.add(item.creator);
    const target = `/articles/${article.slug}`;
    for (const old of article.oldUrls) {
      redirects.add(old, target);
      if (!old.includes('?')) redirects.add(`${old.replace(/\/$/, '')}/feed`, target);
    }
    for (const term of item.terms) addTermRedirects(redirects, terms, term.domain, term.slug);
  };
  const finish = (): ImportPlan => {
    for (const author of wxr.authors) {
      if (!publicAuthors.has(author.login)) continue;
      const key = terms.author(author.login, wxr.title);
      for (const old of [`/author/${author.login}`, `/author/${author.login}/feed`]) redirects.add(old, `/author/${key}`);
      if (author.id) redirects.add(`/?author=${author.id}`, `/author/${key}`);
    }
    for (const term of wxr.terms) {
      if (term.taxonomy === 'category' && term.id && isUsed(terms, term.slug)) redirects.add(`/?cat=${term.id}`, `/category/${terms.category(term.slug)}`);
    }
    for (const [old, target] of [['/feed', '/feed.xml'], ['/comments/feed', '/feed.xml'], ['/feed/atom', '/atom.xml'], ['/feed/rss2', '/feed.xml']]) redirects.add(old!, target!);
    return { articles, comments, commentSkips, read, skipped, terms, media, redirects, warnings };
  };
  return { add, finish };
}

function isUsed(terms: TermMapper, wpSlug: string): boolean {
  const key = terms.peekCategory(wpSlug);
  return terms.registries.added.categories.has(key) || terms.registries.reused.categories.has(key);
}

function addTermRedirects(redirects: RedirectTable, terms: TermMapper, domain: string, wpSlug: string): void {
  if (domain === 'category') {
    const key = terms.category(wpSlug);
    for (const old of new Set([terms.categoryPath(wpSlug), wpSlug])) {
      redirects.add(`/category/${old}`, `/category/${key}`);
      redirects.add(`/category/${old}/feed`, `/category/${key}/feed.xml`);
    }
  } else if (domain === 'post_tag') {
    const key = terms.tag(wpSlug);
    redirects.add(`/tag/${wpSlug}`, `/tag/${key}`);
    redirects.add(`/tag/${wpSlug}/feed`, `/tag/${key}/feed.xml`);
    redirects.add(`/?tag=${wpSlug}`, `/tag/${key}`);
  }
}
