import { env } from '../env';
import { loadLibrary } from './load';
import type { Article } from './types';

/**
 * Any article, drafts and scheduled ones included, read from disk now rather than from the
 * build's memory: an editor previewing sees the file as it was just saved. Editors only.
 */
export function getArticleForPreview(slug: string): Article | undefined {
  return loadLibrary({ contentDir: env().contentDir, publicDir: env().publicDir }).articles.find((a) => a.slug === slug);
}
