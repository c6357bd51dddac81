/** Validates everything in CONTENT_DIR before a build; prints one line per problem and exits 1 on any. */
import { ContentError } from '../lib/content/errors';
import { getLibrary, isPublic } from '../lib/content';

try {
  const { articles, authors, categories, tags } = getLibrary();
  const live = articles.filter((a) => isPublic(a)).length;
  const drafts = articles.filter((a) => a.status === 'draft').length;
  console.log(
    `content: ${articles.length} articles (${live} published, ${drafts} draft, ${articles.length - live - drafts} scheduled), ` +
      `${authors.size} authors, ${categories.size} categories, ${tags.size} tags: OK`,
  );
} catch (error) {
  if (error instanceof ContentError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
