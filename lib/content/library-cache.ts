/**
 * The validated library, kept on disk between the processes of one build (check-content, Next's page-data and
 * static-generation workers, then the server). Parsing ten thousand Markdown files takes each process most of a
 * minute; reading this file takes about a second. The key covers every content file's name, size and modification
 * time, the images under public/ (hero sizes come from them) and this format's version: any change is a new key.
 * It holds drafts, so it lives in the private DATA_DIR (mode 0700, file 0600), never in the build output.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadLibraryIncremental } from './incremental';
import type { LoadOptions } from './load';
import { writeLoadMemo } from './load-memo';
import { makePrivateDir, writeWhole } from './private-file';
import type { Article, Author, Category, Library, Tag } from './types';

const FORMAT = 1;
const KEEP = 3;

interface Stored {
  format: number;
  articles: Article[];
  authors: [string, Author][];
  categories: [string, Category][];
  tags: [string, Tag][];
}

/** Name, size and modification time of every file under `dir` (sorted), or nothing when it is missing. */
function fingerprint(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      const stat = fs.statSync(file);
      return `${path.relative(dir, file)}\0${stat.size}\0${stat.mtimeMs}`;
    })
    .sort();
}

/** The cache key of a content folder as it is on disk now. */
export function libraryKey({ contentDir, publicDir }: LoadOptions): string {
  const hash = createHash('sha256').update(`${FORMAT}\0${path.resolve(contentDir)}\0${path.resolve(publicDir)}\n`);
  for (const line of fingerprint(contentDir)) hash.update(`c\0${line}\n`);
  for (const line of fingerprint(publicDir)) hash.update(`p\0${line}\n`);
  return hash.digest('hex').slice(0, 32);
}

/**
 * Each article's plain text (slug → text), kept beside the library by loadLibraryCached when it read the files,
 * for the search index: the text comes free with validation, and parsing 10,000 bodies again took a minute.
 * Undefined when there is no such file for the content as it is now.
 */
export function readLibraryTexts(options: LoadOptions, cacheDir: string): Map<string, string> | undefined {
  try {
    const stored = JSON.parse(fs.readFileSync(path.join(cacheDir, `library-${libraryKey(options)}.text.json`), 'utf8')) as { format: number; texts: Record<string, string> };
    return stored.format === FORMAT ? new Map(Object.entries(stored.texts)) : undefined;
  } catch {
    return undefined;
  }
}

/** loadLibrary, through a cache file in `cacheDir`; a missing, unreadable or foreign file is simply rebuilt. */
export function loadLibraryCached(options: LoadOptions, cacheDir: string): Library {
  const file = path.join(cacheDir, `library-${libraryKey(options)}.json`);
  try {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Stored;
    if (stored.format === FORMAT) {
      const authors = new Map(stored.authors);
      const categories = new Map(stored.categories);
      const tags = new Map(stored.tags);
      // Share one object per author, section and tag, as loadLibrary does: JSON gives every article its own copies.
      for (const article of stored.articles) {
        article.author = authors.get(article.author.slug) ?? article.author;
        article.categories = article.categories.map((c) => categories.get(c.slug) ?? c);
        article.tags = article.tags.map((t) => tags.get(t.slug) ?? t);
      }
      return { articles: stored.articles, authors, categories, tags };
    }
  } catch {
    // no cache yet (or a broken one): load from the files
  }
  // loadLibrary's validation, with a memo for the server's first reload after start to begin from.
  const { library, texts, memo } = loadLibraryIncremental(options);
  try {
    makePrivateDir(cacheDir);
    const stored: Stored = { format: FORMAT, articles: library.articles, authors: [...library.authors], categories: [...library.categories], tags: [...library.tags] };
    // Written whole and renamed, so a process reading at the same moment never sees half a file; the texts first,
    // so whoever finds the library finds its texts too.
    writeWhole(file.replace(/\.json$/, '.text.json'), JSON.stringify({ format: FORMAT, texts: Object.fromEntries(texts) }));
    writeWhole(file, JSON.stringify(stored));
    prune(cacheDir, file);
  } catch (error) {
    console.warn(`content: could not write the library cache in ${cacheDir} (${(error as Error).message}); loading goes on without it`);
  }
  try {
    writeLoadMemo(options, cacheDir, memo);
  } catch (error) {
    console.warn(`content: could not write the load memo in ${cacheDir} (${(error as Error).message}); the first reload will parse every file`);
  }
  return library;
}

/** Keeps the newest few cache files (and their texts): each content change leaves one behind. */
function prune(cacheDir: string, keep: string): void {
  const files = fs
    .readdirSync(cacheDir)
    .filter((name) => /^library-[0-9a-f]{32}\.json$/.test(name))
    .map((name) => path.join(cacheDir, name))
    .filter((name) => name !== keep)
    .map((name) => ({ name, mtime: fs.statSync(name).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { name } of files.slice(KEEP - 1)) {
    fs.rmSync(name, { force: true });
    fs.rmSync(name.replace(/\.json$/, '.text.json'), { force: true });
  }
}
