import type { ReactNode } from 'react';
import type { Article } from '@/lib/content';
import { getAdjacentArticles, getArticleHtml, listRelatedArticles } from '@/lib/content';
import type { CommentNode } from '@/lib/comments/types';
import { absoluteUrl } from '@/lib/metadata';
import { ArticleList } from './article-card';
import { AdjacentArticles, ArticleHeader, ArticleTaxonomy } from './article-view';
import { CommentsSection } from './comments-section';
import { ShareLinks } from './share-links';

/**
 * An article as readers see it: byline, body, share links, comments and related stories. The
 * public page, an editor's preview and a reviewer's copy all render this, so a preview is exact.
 */
export function ArticleDocument({ article, thread, banner }: { article: Article; thread: { count: number; comments: CommentNode[] } | null; banner?: ReactNode }) {
  const related = listRelatedArticles(article);
  return (
    <>
      {banner}
      <article className="article" lang={article.lang}>
        <ArticleHeader article={article} />
        <div className="article__body" dangerouslySetInnerHTML={{ __html: getArticleHtml(article) }} />
        <ArticleTaxonomy article={article} />
        <ShareLinks url={absoluteUrl(`/articles/${article.slug}`)} title={article.title} />
        <AdjacentArticles {...getAdjacentArticles(article)} />
        {thread ? <CommentsSection article={article} thread={thread} /> : null}
      </article>
      {related.length > 0 ? (
        <section className="related" aria-labelledby="related-heading">
          <h2 id="related-heading" className="section-title">
            Related stories
          </h2>
          <ArticleList articles={related} headingLevel={3} />
        </section>
      ) : null}
    </>
  );
}
