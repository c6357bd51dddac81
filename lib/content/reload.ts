/**
 * Reading the content folder again in a running server, for a publish (lib/publish/): validated exactly as
 * `npm run check-content` does, all or nothing, re-parsing only the Markdown files that changed since the last load
 * (incremental.ts). The memo of what each file held is kept per process; at start it comes from the one the build's
 * check-content left in the private cache, so even the first publish parses only what changed since the build.
 */
import { env } from '../env';
import { libraryCacheDir, publicationCutoff, replaceLibrary } from './index';
import { type LoadMemo, loadLibraryIncremental } from './incremental';
import { readLoadMemo } from './load-memo';
import type { LoadOptions } from './load';
import type { Library } from './types';

export interface LoadedContent {
  library: Library;
  /** Every article's plain text by slug, for the search index and its snippets. */
  texts: Map<string, string>;
  /** How many Markdown files were parsed (the rest were known unchanged). */
  parsed: number;
}

const shared = globalThis as typeof globalThis & { __eurasianStarLoadMemo?: LoadMemo };
const options = (): LoadOptions => ({ contentDir: env().contentDir, publicDir: env().publicDir });

/** The content folder as it is on disk now; throws ContentError listing every problem, and then nothing changes. */
export function loadContentNow(): LoadedContent {
  const previous = shared.__eurasianStarLoadMemo ?? readLoadMemo(options(), libraryCacheDir());
  const result = loadLibraryIncremental(options(), previous);
  shared.__eurasianStarLoadMemo = result.memo;
  return { library: result.library, texts: result.texts, parsed: result.reparsed };
}

/**
 * At server start: the library as the content is now, through the build's memo when there is one (its articles
 * then share their text with the memo instead of being a second copy in memory), judged at the build's cutoff.
 */
export function loadContentAtStart(): void {
  const memo = readLoadMemo(options(), libraryCacheDir());
  if (!memo) return;
  const result = loadLibraryIncremental(options(), memo);
  shared.__eurasianStarLoadMemo = result.memo;
  replaceLibrary(result.library, publicationCutoff());
}
