/**
 * Export items → the articles to write. Posts and pages both become articles (the site's static pages are code, not
 * content): a page is filed under the "pages" section. Status: publish → published; future → published with its
 * future date, which the site holds back until then (scheduled; a "future" date already past becomes a draft);
 * draft, pending, private and password-protected → draft; trash, auto-draft, inherit and every other post type
 * (attachments, menu items, blocks…) → not imported, counted by reason.
 */
import { stringify as stringifyYaml } from 'yaml';
import { frontMatterSchema, describeIssue } from '../../content/schema';
import { wordpressHtmlToMarkdown } from './convert';
import { wpDateMs, wpDateTime } from './dates';
import { cutAtWord, decodeText, htmlToPlainText } from './html-text';
import type { MediaPlan } from './media';
import { decodePostName, postSlug } from './slug';
import type { TermMapper } from './terms';
import type { WxrComment, WxrExport, WxrItem } from './wxr-types';

export type Visibility = 'published' | 'scheduled' | 'draft';

export interface PlannedArticle {
  /** Identifies the post across runs: the blog's address and the post id. */
  key: string;
  wpId: string;
  postType: 'post' | 'page';
  wpStatus: string;
  visibility: Visibility;
  slug: string;
  /** The whole Markdown file: front matter and body. */
  text: string;
  /** Old addresses (paths, and /?p=ID style queries) to redirect here; only for what is public. */
  oldUrls: string[];
  comments: WxrComment[];
}

export interface Warning {
  postId: string;
  message: string;
}

export interface MapContext {
  wxr: WxrExport;
  terms: TermMapper;
  media: MediaPlan;
  /** Attachments by id, and by the post they are attached to (file order). */
  attachments: Map<string, WxrItem>;
  attachedTo: Map<string, WxrItem[]>;
  now: Date;
  /** Picks the article's slug (stable across runs, unique in the folder). */
  claimSlug(key: string, wanted: string): string;
  warn(postId: string, message: string): void;
}

/** What happens to an item by type and status: an article visibility, or the reason it is skipped. */
export function mapStatus(item: Pick<WxrItem, 'postType' | 'status' | 'password' | 'postDateGmt' | 'postDate'>, now: Date): { visibility: Visibility } | { skip: string } {
  if (item.postType !== 'post' && item.postType !== 'page') return { skip: `post type ${item.postType}` };
  switch (item.status) {
    case 'publish':
      return { visibility: item.password ? 'draft' : 'published' };
    case 'future': {
      const when = wpDateMs(item.postDateGmt) ?? wpDateMs(item.postDate);
      return { visibility: when !== undefined && when > now.getTime() && !item.password ? 'scheduled' : 'draft' };
    }
    case 'draft':
    case 'pending':
    case 'private':
      return { visibility: 'draft' };
    default:
      return { skip: `status ${item.status || '(none)'}` };
  }
}

/** The old addresses of a public post: its permalink, /?p=ID (or ?page_id=), /YYYY/MM/DD/slug and /slug. */
export function oldUrlsOf(item: WxrItem): string[] {
  const urls = new Set<string>();
  try {
    const link = new URL(item.link);
    urls.add(`${link.pathname}${link.search}`);
  } catch {
    // No usable <link>: the id-based addresses below still work.
  }
  urls.add(item.postType === 'page' ? `/?page_id=${item.id}` : `/?p=${item.id}`);
  const name = decodePostName(item.postName);
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(item.postDate);
  if (name && item.postType === 'post') {
    if (date) urls.add(`/${date[1]}/${date[2]}/${date[3]}/${name}/`);
    urls.add(`/${name}/`);
  }
  return [...urls];
}

/** Maps one importable item to its article file; throws when the front matter would fail the schema (a bug). */
export function mapItem(item: WxrItem, visibility: Visibility, ctx: MapContext): PlannedArticle {
  const warn = (message: string) => ctx.warn(item.id, message);
  const { wxr, terms, media } = ctx;
  const key = `${wxr.blogUrl}#${item.id}`;
  const attachmentOf = (id: string) => {
    const found = ctx.attachments.get(id);
    return found ? { url: found.attachmentUrl, alt: decodeText(found.meta.get('_wp_attachment_image_alt') ?? '') || decodeText(found.title), caption: decodeText(found.excerpt) } : undefined;
  };
  const body = wordpressHtmlToMarkdown(item.content, {
    attachedImages: (ctx.attachedTo.get(item.id) ?? []).map((a) => ({ id: a.id, ...attachmentOf(a.id)! })),
    attachment: attachmentOf,
    resolveImage: (url) => media.resolve(url, item.id),
    warn,
  });

  const plain = (html: string) => htmlToPlainText(html.replace(/\[\/?[a-z_][^\]]*\]/gi, '')).replace(/\s+/g, ' ').trim();
  const title = cutAtWord(decodeText(item.title), 200) || `Untitled ${item.postType} ${item.id}`;
  if (!decodeText(item.title)) warn(`has no title: imported as "${title}"`);
  const summary = cutAtWord(plain(item.excerpt) || plain(item.content), 300) || title;
  const date = wpDateTime(item.postDateGmt, item.postDate) ?? new Date(0).toISOString();
  if (!wpDateTime(item.postDateGmt, item.postDate)) warn('has no date: dated 1970-01-01');
  const modified = wpDateTime(item.modifiedGmt, '');
  const updated = modified && Date.parse(modified) > Date.parse(date) ? modified : undefined;
  if (item.password) warn('is password-protected in WordPress: imported as a draft');
  if (item.status === 'future' && visibility === 'draft') warn('was scheduled for a date already past: imported as a draft');

  const categories = item.postType === 'page' ? [terms.pagesCategory()] : terms.categories(item.terms);
  const tags = item.postType === 'post' ? terms.tags(item.terms) : [];
  let hero: Record<string, string> | undefined;
  const thumbnail = item.meta.get('_thumbnail_id');
  if (thumbnail) {
    const image = attachmentOf(thumbnail);
    const src = image ? media.resolve(image.url, item.id) : undefined;
    if (image && src) hero = { src, alt: cutAtWord(image.alt || title, 300), ...(image.caption ? { caption: cutAtWord(image.caption, 400) } : {}) };
    else warn(`featured image ${thumbnail} left out: ${image ? 'no local copy (see media)' : 'not in the export'}`);
  }
  const lang = /^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$/i.test(wxr.language) ? wxr.language.split('-')[0]!.toLowerCase() : 'en';
  const frontMatter = {
    title,
    summary,
    date,
    ...(updated ? { updated } : {}),
    author: terms.author(item.creator, wxr.title),
    categories: categories.length > 0 ? categories : [terms.category('uncategorized', 'Uncategorized')],
    ...(tags.length > 0 ? { tags } : {}),
    status: visibility === 'draft' ? 'draft' : 'published',
    ...(lang !== 'en' ? { lang } : {}),
    ...(hero ? { hero } : {}),
    ...(item.commentStatus === 'closed' ? { comments: 'closed' } : {}),
  };
  const checked = frontMatterSchema.safeParse(frontMatter);
  if (!checked.success) throw new Error(`post ${item.id}: front matter fails the schema: ${checked.error.issues.map(describeIssue).join('; ')}`);
  const slug = ctx.claimSlug(key, postSlug(item.postName, decodeText(item.title), item.id));
  const text = `---\n${stringifyYaml(frontMatter, { lineWidth: 0 })}---\n\n${body}\n`;
  return { key, wpId: item.id, postType: item.postType as 'post' | 'page', wpStatus: item.status, visibility, slug, text, oldUrls: visibility === 'published' ? oldUrlsOf(item) : [], comments: item.comments };
}
