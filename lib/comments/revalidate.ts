import { revalidateTag } from 'next/cache';
import { tagsForArticle } from './tags';

/** Inside the Next server: the article page and the lists are fresh on their next request. */
export function revalidateCommentViews(slug: string): void {
  for (const tag of tagsForArticle(slug)) revalidateTag(tag, { expire: 0 });
}

/** Inside the Next server: refresh these tags now. */
export function revalidateTags(tags: string[]): void {
  for (const tag of tags) revalidateTag(tag, { expire: 0 });
}
