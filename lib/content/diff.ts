/**
 * What a publish changes for readers: which public articles appear, change or disappear. Pure, so the
 * command's report and the tests agree on one definition.
 */
import type { Article } from './types';

export interface ContentChanges {
  /** Public now, not before (a new file, a draft set to published, a scheduled story whose time came). */
  added: string[];
  /** Public before and now, with anything a reader sees different (headline, body, dates, byline, sections, tags, image…). */
  changed: string[];
  /** Public before, not now (file removed, set to draft, or its date moved into the future). */
  withdrawn: string[];
}

/** Everything of an article a page shows; `source` (the file name) is not shown. */
function signature(article: Article): string {
  const shown: Partial<Article> = { ...article };
  delete shown.source;
  return JSON.stringify(shown);
}

/** The public articles added, changed and withdrawn between two lists of public articles (slugs, sorted). */
export function diffPublished(before: readonly Article[], after: readonly Article[]): ContentChanges {
  const old = new Map(before.map((article) => [article.slug, article]));
  const added: string[] = [];
  const changed: string[] = [];
  for (const article of after) {
    const previous = old.get(article.slug);
    if (!previous) added.push(article.slug);
    else if (previous !== article && signature(previous) !== signature(article)) changed.push(article.slug);
    old.delete(article.slug);
  }
  return { added: added.sort(), changed: changed.sort(), withdrawn: [...old.keys()].sort() };
}

/** Whether a publish changes anything a reader sees. */
export const isEmptyChange = (changes: ContentChanges) => changes.added.length + changes.changed.length + changes.withdrawn.length === 0;
