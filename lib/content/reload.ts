/**
 * Reading the content folder again in a running server, for a publish (lib/publish/): validated exactly as
 * `npm run check-content` does, all or nothing.
 */
import { env } from '../env';
import { loadLibrary } from './load';
import type { Library } from './types';

export interface LoadedContent {
  library: Library;
  /** Every article's plain text by slug, for the search index and its snippets. */
  texts: Map<string, string>;
  /** How many Markdown files were parsed (the rest were known unchanged). */
  parsed: number;
}

/** The content folder as it is on disk now; throws ContentError listing every problem, and then nothing changes. */
export function loadContentNow(): LoadedContent {
  const texts = new Map<string, string>();
  const library = loadLibrary({ contentDir: env().contentDir, publicDir: env().publicDir }, texts);
  return { library, texts, parsed: library.articles.length };
}
