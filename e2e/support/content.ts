/**
 * Reads content/ directly (front matter only) so specs can derive what the site should show
 * instead of hard-coding counts. Deliberately independent of lib/content: the tests check the
 * app's output against the source files, not against the app's own code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CONTENT_DIR = path.join(ROOT, 'content');
export const NEXT_DIR = path.join(ROOT, '.next');

export const DRAFT_MARKER = 'ZZDRAFTMARKER7431';
export const SCHEDULED_MARKER = 'ZZSCHEDULEDMARKER5519';

export interface SourceArticle {
  slug: string;
  title: string;
  summary: string;
  date: string;
  updated?: string;
  author: string;
  categories: string[];
  /** Tag slugs, with aliases and case resolved the way tags.yaml declares them. */
  tags: string[];
  status: 'published' | 'draft';
  lang: string;
  hero?: { src: string; alt: string; caption?: string; credit?: string };
  comments: 'open' | 'closed';
  body: string;
}

interface TagEntry {
  name: string;
  aliases?: string[];
  country?: { code: string; name: string };
}

function readYaml<T>(file: string): T {
  return parseYaml(fs.readFileSync(path.join(CONTENT_DIR, file), 'utf8')) as T;
}

export const authors = (): Record<string, { name: string; bio: string }> => readYaml('authors.yaml');
export const categories = (): Record<string, { name: string; description: string }> => readYaml('categories.yaml');
export const tags = (): Record<string, TagEntry> => readYaml('tags.yaml');

function tagResolver(): (key: string) => string {
  const lookup = new Map<string, string>();
  for (const [slug, tag] of Object.entries(tags())) {
    for (const name of [slug, tag.name, ...(tag.aliases ?? [])]) lookup.set(name.toLowerCase(), slug);
  }
  return (key) => {
    const slug = lookup.get(key.toLowerCase());
    if (!slug) throw new Error(`tag "${key}" is not in content/tags.yaml`);
    return slug;
  };
}

/** Every article file in content/articles, newest first (slug breaks ties). */
export function allArticles(): SourceArticle[] {
  const dir = path.join(CONTENT_DIR, 'articles');
  const resolveTag = tagResolver();
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .map((name): SourceArticle => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
      if (!match) throw new Error(`${name}: no front matter`);
      const fm = parseYaml(match[1]!) as Record<string, unknown>;
      return {
        slug: typeof fm.slug === 'string' ? fm.slug : name.replace(/\.md$/, ''),
        title: String(fm.title),
        summary: String(fm.summary),
        date: String(fm.date),
        updated: typeof fm.updated === 'string' ? fm.updated : undefined,
        author: String(fm.author),
        categories: (fm.categories as string[]) ?? [],
        tags: [...new Set(((fm.tags as string[] | undefined) ?? []).map(resolveTag))],
        status: fm.status as SourceArticle['status'],
        lang: typeof fm.lang === 'string' ? fm.lang : 'en',
        hero: fm.hero as SourceArticle['hero'],
        comments: fm.comments === 'closed' ? 'closed' : 'open',
        body: match[2]!,
      };
    })
    .sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || a.slug.localeCompare(b.slug));
}

/** Published and dated in the past: what the public site shows. */
export const isPublic = (a: SourceArticle, now = Date.now()) => a.status === 'published' && Date.parse(a.date) <= now;

export const publishedArticles = () => allArticles().filter((a) => isPublic(a));
export const hiddenArticles = () => allArticles().filter((a) => !isPublic(a));

export function articleBySlug(slug: string): SourceArticle {
  const article = allArticles().find((a) => a.slug === slug);
  if (!article) throw new Error(`no article with slug "${slug}" in content/articles`);
  return article;
}

/** The article whose body contains `marker`. */
export function articleWithMarker(marker: string): SourceArticle {
  const found = allArticles().filter((a) => a.body.includes(marker) || a.title.includes(marker));
  if (found.length !== 1) throw new Error(`expected exactly one article containing ${marker}, found ${found.length}`);
  return found[0]!;
}

/** Year and two-digit month of an instant in UTC (the site's default SITE_TIMEZONE). */
export function yearMonth(iso: string): { year: string; month: string } {
  const d = new Date(iso);
  return { year: String(d.getUTCFullYear()), month: String(d.getUTCMonth() + 1).padStart(2, '0') };
}

export const PER_PAGE = 10;
