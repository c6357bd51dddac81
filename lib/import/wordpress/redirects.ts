/**
 * The redirect table the importer writes (content/redirects.json, served by server.mjs through lib/server/redirects.mjs):
 * every published post's and page's old addresses → /articles/<slug>; category, tag and author archives and their
 * feeds → the site's. An address the site itself serves (/about, /search, /articles/…) is never redirected.
 */
import fs from 'node:fs';
import { redirectKey } from '../../server/redirects.mjs';

/** First path segments under which the site serves addresses of its own: a redirect there would hide a page. */
const SITE_PREFIXES = new Set(['', 'articles', 'api', '_next', 'og', 'hero', 'editor', 'review', 'search', 'archive', 'page', 'images', 'fonts']);
/** Single addresses the site serves (their children, such as a WordPress page /about/team/, are free). */
const SITE_PAGES = new Set(['/about', '/contact', '/feed.xml', '/atom.xml', '/feed.json', '/sitemap.xml', '/news-sitemap.xml', '/robots.txt', '/favicon.ico']);
/** Archive prefixes that map onto the site's own archives of the same shape. */
const ARCHIVES = new Set(['category', 'tag', 'author']);

export class RedirectTable {
  readonly entries = new Map<string, string>();
  readonly refused: string[] = [];

  /** Adds old → target, unless `old` is an address of the site's own; a later add for the same address wins. */
  add(old: string, target: string): void {
    const [pathname = '', search = ''] = old.split('?');
    const key = redirectKey(pathname || '/', search ? `?${search}` : '');
    if (!key) return;
    const first = key.startsWith('/?') ? '' : key.split('/')[1]!;
    if (!key.startsWith('/?') && (SITE_PREFIXES.has(first) || SITE_PAGES.has(key))) {
      if (key !== target) this.refused.push(key);
      return;
    }
    if (ARCHIVES.has(first) && key.split('/').length > 4 && !key.endsWith('/feed')) return;
    this.entries.set(key, target);
  }
}

/** The table in `file` (empty when there is none). */
export function readRedirectFile(file: string): Map<string, string> {
  if (!fs.existsSync(file)) return new Map();
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { redirects?: Record<string, string> };
  return new Map(Object.entries(data.redirects ?? {}));
}

/** The file's text with `additions` merged in, keys sorted so the same table is the same bytes. */
export function redirectFileText(existing: Map<string, string>, additions: Map<string, string>): string {
  const merged = new Map([...existing, ...additions]);
  const sorted = Object.fromEntries([...merged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ version: 1, redirects: sorted }, null, 2)}\n`;
}
