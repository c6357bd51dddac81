/**
 * Loading content/ again in a running server after an editor publishes: only the Markdown files whose size or
 * modification time changed are parsed again (parsing is nearly all of a load's time); the registries, the link
 * phase and the image checks run over everything, through the same code as loadLibrary.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type FileStamp, isUnchanged, stampOf } from './file-stamp';
import { type LoadOptions, linkLibrary } from './load';
import { type ParsedArticle, parseArticleFile } from './parse-article';
import type { Library } from './types';

/** One Markdown file as a load read it: its stamp then, when it was read, and what it said. */
export interface MemoEntry {
  stamp: FileStamp;
  readAt: number;
  parsed: ParsedArticle;
}

/** What a previous load learnt per file, so the next load re-parses only files that changed. */
export interface LoadMemo {
  /** The articles folder it describes, resolved: a memo of another folder is ignored. */
  readonly articlesDir: string;
  /** By file name inside articlesDir. Never changed once made: a load builds a new memo, so an old one stays valid. */
  readonly files: ReadonlyMap<string, MemoEntry>;
}

export interface IncrementalLoad {
  library: Library;
  /** Each article's plain text by slug, for the search index. */
  texts: Map<string, string>;
  /** To pass to the next load. Holds drafts: keep it in memory or in the private cache dir only. */
  memo: LoadMemo;
  /** How many Markdown files were parsed by this load (the others came from the memo). */
  reparsed: number;
}

/** The articles folder a memo of these options describes. */
export const memoArticlesDir = (options: LoadOptions) => path.resolve(options.contentDir, 'articles');

/**
 * Validates the whole content folder like loadLibrary (throws the same ContentError listing every problem),
 * re-parsing only Markdown files whose size or mtime changed since `previous`.
 */
export function loadLibraryIncremental(options: LoadOptions, previous?: LoadMemo): IncrementalLoad {
  const articlesDir = memoArticlesDir(options);
  const known = previous?.articlesDir === articlesDir ? previous.files : undefined;
  const files = new Map<string, MemoEntry>();
  const texts = new Map<string, string>();
  let reparsed = 0;
  const parse = (file: string): ParsedArticle => {
    const name = path.basename(file);
    // The time before the stat, and the stat before the read: a write racing this load leaves a newer stamp behind.
    const readAt = Date.now();
    const stamp = stampOf(fs.statSync(file));
    const entry = known?.get(name);
    if (entry && isUnchanged(entry.stamp, stamp, entry.readAt)) {
      files.set(name, entry);
      return entry.parsed;
    }
    reparsed += 1;
    const parsed = parseArticleFile(file);
    files.set(name, { stamp, readAt, parsed });
    return parsed;
  };
  const library = linkLibrary(options, parse, texts);
  return { library, texts, memo: { articlesDir, files }, reparsed };
}
