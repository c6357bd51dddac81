/**
 * The per-file half of loading an article: everything that depends on the Markdown file alone (front matter checked
 * against its schema, the body parsed once for its text, words, excerpt and image URLs). It never looks at the
 * registries or public/, so the incremental loader can keep its result for as long as the file is unchanged; the link
 * phase in load.ts does the rest on every load.
 */
import fs from 'node:fs';
import path from 'node:path';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { matter } from 'vfile-matter';
import { parseMarkdown } from './render';
import { type FrontMatter, describeIssue, frontMatterSchema, slugSchema } from './schema';
import { countWords, excerptOf, plainText, readingMinutes } from './text';

/** What one Markdown file says on its own; plain JSON, so it can be kept on disk. */
export interface ParsedArticle {
  /** Problems found in the file itself, without the "file: " prefix, in the order loadLibrary reports them. */
  problems: string[];
  /** The validated front matter; absent when it is not YAML or fails the schema (then `problems` says why). */
  frontMatter?: FrontMatter;
  slug: string;
  /** Markdown body without front matter. */
  body: string;
  text: string;
  wordCount: number;
  readingMinutes: number;
  excerpt: string;
  /** URLs of the body's images in document order, repeats included: each is checked against public/ on every load. */
  imageUrls: string[];
}

/** Reads and checks one article file; throws only when the file cannot be read. */
export function parseArticleFile(file: string): ParsedArticle {
  const fileSlug = path.basename(file, '.md');
  const failed = (problems: string[]): ParsedArticle => ({ problems, slug: fileSlug, body: '', text: '', wordCount: 0, readingMinutes: 0, excerpt: '', imageUrls: [] });

  const vfile = new VFile({ path: file, value: fs.readFileSync(file, 'utf8') });
  try {
    matter(vfile, { strip: true });
  } catch (error) {
    return failed([`front matter is not valid YAML (${(error as Error).message.split('\n')[0]})`]);
  }
  const parsed = frontMatterSchema.safeParse(vfile.data.matter ?? {});
  if (!parsed.success) return failed(parsed.error.issues.map(describeIssue));
  const frontMatter = parsed.data;

  const problems: string[] = [];
  if (!frontMatter.slug && !slugSchema.safeParse(fileSlug).success) {
    problems.push(`slug: the file name "${fileSlug}" is not a valid slug; rename the file or set slug`);
  }
  const body = String(vfile.value);
  const tree = parseMarkdown(body);
  const imageUrls: string[] = [];
  visit(tree, 'image', (node) => {
    imageUrls.push(node.url);
  });
  const text = plainText(tree);
  const wordCount = countWords(text);
  return {
    problems,
    frontMatter,
    slug: frontMatter.slug ?? fileSlug,
    body,
    text,
    wordCount,
    readingMinutes: readingMinutes(wordCount),
    excerpt: excerptOf(tree),
    imageUrls,
  };
}
