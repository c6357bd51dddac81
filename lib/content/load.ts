import fs from 'node:fs';
import path from 'node:path';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { matter } from 'vfile-matter';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ContentError } from './errors';
import { readImageSize } from './images';
import { parseMarkdown } from './render';
import { authorSchema, categorySchema, describeIssue, frontMatterSchema, slugSchema, tagSchema } from './schema';
import { countWords, excerptOf, plainText, readingMinutes } from './text';
import type { Article, Author, Category, Library, Tag } from './types';

export interface LoadOptions {
  /** Folder holding authors.yaml, categories.yaml, tags.yaml and articles/. */
  contentDir: string;
  /** Folder that site-absolute image paths (/images/x.jpg) resolve against. */
  publicDir: string;
}

const display = (file: string) => path.relative(process.cwd(), file) || file;

/** Reads and validates every content file; throws one ContentError listing every problem found. */
/**
 * Reads and validates the whole content folder. `texts`, when given, receives each article's plain text (the
 * words of its body without Markdown), which validation computes anyway: the search index is built from it.
 */
export function loadLibrary({ contentDir, publicDir }: LoadOptions, texts?: Map<string, string>): Library {
  const problems: string[] = [];
  const authors = loadRegistry(path.join(contentDir, 'authors.yaml'), authorSchema, problems, (slug, v) => ({ slug, ...v }));
  const categories = loadRegistry(path.join(contentDir, 'categories.yaml'), categorySchema, problems, (slug, v) => ({ slug, ...v }));
  const tags = loadRegistry(path.join(contentDir, 'tags.yaml'), tagSchema, problems, (slug, v) => ({ slug, ...v }));
  const tagLookup = buildTagLookup(tags, path.join(contentDir, 'tags.yaml'), problems);

  const articlesDir = path.join(contentDir, 'articles');
  const files = listMarkdownFiles(articlesDir, problems);
  const articles: Article[] = [];
  const slugOwners = new Map<string, string>();
  for (const file of files) {
    const article = loadArticle(file, { authors, categories, tagLookup, publicDir, problems, contentDir, texts });
    if (!article) continue;
    const owner = slugOwners.get(article.slug);
    if (owner) {
      problems.push(`${article.source}: slug "${article.slug}" is already used by ${owner}`);
      continue;
    }
    slugOwners.set(article.slug, article.source);
    articles.push(article);
  }
  if (problems.length > 0) throw new ContentError(problems);
  articles.sort(byNewest);
  return { articles, authors, categories, tags };
}

/** Newest first; equal dates fall back to the slug so the order is stable. */
export function byNewest(a: Article, b: Article): number {
  return Date.parse(b.date) - Date.parse(a.date) || a.slug.localeCompare(b.slug);
}

function listMarkdownFiles(dir: string, problems: string[]): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => path.join(dir, name));
  } catch (error) {
    problems.push(`${display(dir)}: cannot read the articles folder (${(error as Error).message})`);
    return [];
  }
}

function loadRegistry<S extends z.ZodType, T>(
  file: string,
  schema: S,
  problems: string[],
  make: (slug: string, value: z.output<S>) => T,
): Map<string, T> {
  const entries = new Map<string, T>();
  let raw: unknown;
  try {
    raw = parseYaml(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${display(file)}: ${(error as Error).message.split('\n')[0]}`);
    return entries;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(`${display(file)}: must be a map of keys to entries`);
    return entries;
  }
  for (const [key, value] of Object.entries(raw)) {
    const slug = slugSchema.safeParse(key);
    if (!slug.success) {
      problems.push(`${display(file)}: key "${key}" ${slug.error.issues[0]?.message}`);
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${display(file)}: ${key}.${describeIssue(issue)}`);
      continue;
    }
    entries.set(key, make(key, parsed.data));
  }
  return entries;
}

/** Maps every tag key and alias, case-insensitively, to its tag. */
function buildTagLookup(tags: Map<string, Tag>, file: string, problems: string[]): Map<string, Tag> {
  const lookup = new Map<string, Tag>();
  for (const tag of tags.values()) {
    for (const name of [tag.slug, tag.name, ...tag.aliases]) {
      const key = name.toLowerCase();
      const existing = lookup.get(key);
      if (existing && existing !== tag) {
        problems.push(`${display(file)}: ${tag.slug}: "${name}" is already used by tag "${existing.slug}"`);
      } else {
        lookup.set(key, tag);
      }
    }
  }
  return lookup;
}

interface ArticleContext {
  authors: Map<string, Author>;
  categories: Map<string, Category>;
  tagLookup: Map<string, Tag>;
  publicDir: string;
  contentDir: string;
  problems: string[];
  texts?: Map<string, string>;
}

function loadArticle(file: string, ctx: ArticleContext): Article | undefined {
  const source = display(file);
  const before = ctx.problems.length;
  const report = (message: string) => ctx.problems.push(`${source}: ${message}`);

  const vfile = new VFile({ path: file, value: fs.readFileSync(file, 'utf8') });
  try {
    matter(vfile, { strip: true });
  } catch (error) {
    report(`front matter is not valid YAML (${(error as Error).message.split('\n')[0]})`);
    return undefined;
  }
  const parsed = frontMatterSchema.safeParse(vfile.data.matter ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report(describeIssue(issue));
    return undefined;
  }
  const fm = parsed.data;

  const fileSlug = path.basename(file, '.md');
  const slug = fm.slug ?? fileSlug;
  if (!fm.slug && !slugSchema.safeParse(fileSlug).success) {
    report(`slug: the file name "${fileSlug}" is not a valid slug; rename the file or set slug`);
  }

  const contentRel = (name: string) => display(path.join(ctx.contentDir, name));
  const author = ctx.authors.get(fm.author);
  if (!author) report(`author "${fm.author}" is not in ${contentRel('authors.yaml')}`);
  const categories = fm.categories.flatMap((key) => {
    const category = ctx.categories.get(key);
    if (!category) report(`category "${key}" is not in ${contentRel('categories.yaml')}`);
    return category ? [category] : [];
  });
  const tags = fm.tags.flatMap((key) => {
    const tag = ctx.tagLookup.get(key.toLowerCase());
    if (!tag) report(`tag "${key}" is not in ${contentRel('tags.yaml')}`);
    return tag ? [tag] : [];
  });
  if (fm.updated && Date.parse(fm.updated) < Date.parse(fm.date)) {
    report(`updated: ${fm.updated} is earlier than date ${fm.date}`);
  }

  let hero: Article['hero'];
  if (fm.hero) {
    const size = readImageSize(ctx.publicDir, fm.hero.src);
    if ('error' in size) report(`hero.src: ${size.error}`);
    else hero = { ...fm.hero, ...size };
  }

  const body = String(vfile.value);
  const tree = parseMarkdown(body);
  checkBodyImages(tree, ctx.publicDir, report);

  if (ctx.problems.length > before || !author) return undefined;
  const text = plainText(tree);
  const words = countWords(text);
  ctx.texts?.set(slug, text);
  return {
    slug,
    title: fm.title,
    summary: fm.summary,
    date: fm.date,
    updated: fm.updated,
    status: fm.status,
    lang: fm.lang,
    author,
    categories: dedupe(categories),
    tags: dedupe(tags),
    hero,
    commentsOpen: fm.comments === 'open',
    canonical: fm.canonical,
    body,
    wordCount: words,
    readingMinutes: readingMinutes(words),
    excerpt: excerptOf(tree),
    source,
  };
}

/** Body images must be files under public/: remote images would leak readers to third parties and have no known size. */
function checkBodyImages(tree: Root, publicDir: string, report: (message: string) => void): void {
  visit(tree, 'image', (node) => {
    const size = readImageSize(publicDir, node.url);
    if ('error' in size) report(`image "${node.url}": ${size.error}`);
  });
}

function dedupe<T extends { slug: string }>(items: T[]): T[] {
  return [...new Map(items.map((item) => [item.slug, item])).values()];
}
