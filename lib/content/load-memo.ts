/**
 * The incremental loader's memo on disk, so a server's first reload after it starts parses only what changed since
 * the build. It holds drafts, so it lives in the private DATA_DIR cache (like library-cache.ts), never in the build
 * output or public/. One file per content folder, replaced whole on each write; named .memo, apart from the
 * library-*.json files that library-cache.ts prunes.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type LoadMemo, type MemoEntry, memoArticlesDir } from './incremental';
import type { LoadOptions } from './load';
import { makePrivateDir, writeWhole } from './private-file';

/** Bump when ParsedArticle or MemoEntry change shape: an older file is then ignored. */
const FORMAT = 1;

interface StoredMemo {
  format: number;
  articlesDir: string;
  files: [string, MemoEntry][];
}

const memoFile = (options: LoadOptions, cacheDir: string) =>
  path.join(cacheDir, `load-memo-${createHash('sha256').update(memoArticlesDir(options)).digest('hex').slice(0, 16)}.memo`);

/** The memo kept on disk for this content folder, or undefined when there is none or it is foreign or corrupt. */
export function readLoadMemo(options: LoadOptions, cacheDir: string): LoadMemo | undefined {
  let stored: Partial<StoredMemo>;
  try {
    stored = JSON.parse(fs.readFileSync(memoFile(options, cacheDir), 'utf8')) as Partial<StoredMemo>;
  } catch {
    return undefined;
  }
  if (stored?.format !== FORMAT || stored.articlesDir !== memoArticlesDir(options) || !Array.isArray(stored.files)) return undefined;
  // A wrong entry would reach the link phase as if the file said it: one bad entry discards the whole memo.
  if (!stored.files.every(isStoredEntry)) return undefined;
  return { articlesDir: stored.articlesDir, files: new Map(stored.files) };
}

/** Writes the memo for this content folder into `cacheDir` (created 0700; the file 0600, written whole then renamed). */
export function writeLoadMemo(options: LoadOptions, cacheDir: string, memo: LoadMemo): void {
  refusePublicPlaces(options, cacheDir);
  makePrivateDir(cacheDir);
  const stored: StoredMemo = { format: FORMAT, articlesDir: memo.articlesDir, files: [...memo.files] };
  writeWhole(memoFile(options, cacheDir), JSON.stringify(stored));
}

/** The memo holds drafts: a cache folder under public/ or .next/ would serve or ship them. */
function refusePublicPlaces(options: LoadOptions, cacheDir: string): void {
  const dir = path.resolve(cacheDir);
  const inside = (parent: string) => {
    const relative = path.relative(parent, dir);
    return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
  };
  if (inside(path.resolve(options.publicDir)) || dir.split(path.sep).includes('.next')) {
    throw new Error(`content: refusing to write the load memo into ${cacheDir}: it holds drafts and must stay in the private data folder`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isStrings = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The shape check of one stored entry: enough that the link phase cannot trip over it. */
function isStoredEntry(item: unknown): boolean {
  if (!Array.isArray(item) || typeof item[0] !== 'string' || !isObject(item[1])) return false;
  const { stamp, readAt, parsed } = item[1];
  if (!isObject(stamp) || typeof stamp.size !== 'number' || typeof stamp.mtimeMs !== 'number' || typeof readAt !== 'number') return false;
  if (!isObject(parsed) || !isStrings(parsed.problems) || !isStrings(parsed.imageUrls)) return false;
  if (typeof parsed.slug !== 'string' || typeof parsed.body !== 'string' || typeof parsed.text !== 'string' || typeof parsed.excerpt !== 'string') return false;
  if (typeof parsed.wordCount !== 'number' || typeof parsed.readingMinutes !== 'number') return false;
  const fm = parsed.frontMatter;
  if (fm === undefined) return true;
  return isObject(fm) && typeof fm.title === 'string' && typeof fm.date === 'string' && typeof fm.author === 'string' && isStrings(fm.categories) && isStrings(fm.tags);
}
