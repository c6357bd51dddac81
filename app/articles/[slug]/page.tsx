import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleList } from '@/app/_components/article-card';
import { AdjacentArticles, ArticleHeader, ArticleTaxonomy } from '@/app/_components/article-view';
import { CommentsSection } from '@/app/_components/comments-section';
import { ShareLinks } from '@/app/_components/share-links';
import { getAdjacentArticles, getArticleHtml, getPublishedArticle, listPublishedArticles, listRelatedArticles } from '@/lib/content';
import { getCachedCommentThread } from '@/lib/comments/views';
import { absoluteUrl, pageMetadata } from '@/lib/metadata';

export const dynamicParams = false;

interface Props {
  params: Promise<{ slug: string }>;
}

export function generateStaticParams() {
  return listPublishedArticles().map(({ slug }) => ({ slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = getPublishedArticle((await params).slug);
  if (!article) return {};
  const base = pageMetadata({ title: article.title, description: article.summary, path: `/articles/${article.slug}`, type: 'article' });
  return {
    ...base,
    alternates: { canonical: article.canonical ?? absoluteUrl(`/articles/${article.slug}`) },
    authors: [{ name: article.author.name, url: absoluteUrl(`/author/${article.author.slug}`) }],
    keywords: article.tags.map((tag) => tag.country?.name ?? tag.name),
    openGraph: {
      ...base.openGraph,
      type: 'article',
      publishedTime: article.date,
      modifiedTime: article.updated ?? article.date,
      authors: [absoluteUrl(`/author/${article.author.slug}`)],
      section: article.categories[0]?.name,
      tags: article.tags.map((tag) => tag.country?.name ?? tag.name),
    },
  };
}

/** One article, with its byline, body, share links, comments and related stories. */
export default async function ArticlePage({ params }: Props) {
  const article = getPublishedArticle((await params).slug);
  if (!article) notFound();
  const related = listRelatedArticles(article);
  const thread = await getCachedCommentThread(article.slug);
  return (
    <>
      <article className="article" lang={article.lang}>
        <ArticleHeader article={article} />
        <div className="article__body" dangerouslySetInnerHTML={{ __html: getArticleHtml(article) }} />
        <ArticleTaxonomy article={article} />
        <ShareLinks url={absoluteUrl(`/articles/${article.slug}`)} title={article.title} />
        <AdjacentArticles {...getAdjacentArticles(article)} />
        <CommentsSection article={article} thread={thread} />
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
