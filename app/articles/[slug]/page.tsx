import type { Metadata } from 'next';
import { draftMode } from 'next/headers';
import { notFound } from 'next/navigation';
import { ArticleDocument } from '@/app/_components/article-document';
import { JsonLd } from '@/app/_components/json-ld';
import { articleStructuredData } from '@/lib/structured-data';
import { getPublishedArticle, isPublic, listPublishedArticles, publicationCutoff } from '@/lib/content';
import { formatDateTime } from '@/lib/format';
import { canPreviewDrafts } from '@/lib/auth/permissions';
import { currentEditor } from '@/lib/auth/session';
import { getCachedCommentThread } from '@/lib/comments/views';
import { type Article } from '@/lib/content';
import { getArticleForPreview } from '@/lib/content/preview';
import { absoluteUrl, pageMetadata } from '@/lib/metadata';
import { site } from '@/lib/site';

// Every public article is prerendered by the build; one published later renders on its first request and is then
// cached like the rest. An address naming no public article is answered 404 by proxy.ts before anything renders.
export const dynamicParams = true;

interface Props {
  params: Promise<{ slug: string }>;
}

export function generateStaticParams() {
  return listPublishedArticles().map(({ slug }) => ({ slug }));
}

/**
 * The article a request may see: the published one for everyone; in draft mode, for a signed-in
 * editor only, any article as it is on disk now. The draft-mode cookie alone grants nothing.
 */
async function articleFor(slug: string): Promise<{ article: Article; preview: boolean } | undefined> {
  if ((await draftMode()).isEnabled && canPreviewDrafts(await currentEditor())) {
    const article = getArticleForPreview(slug);
    // A published article in draft mode is shown as saved on disk, but it is not announced as unpublished.
    return article ? { article, preview: !isPublic(article, publicationCutoff()) } : undefined;
  }
  const article = getPublishedArticle(slug);
  return article ? { article, preview: false } : undefined;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await articleFor((await params).slug);
  if (!found) return {};
  const { article, preview } = found;
  const countries = article.tags.filter((tag) => tag.country).map((tag) => tag.country!.name);
  const base = pageMetadata({
    title: article.title,
    description: article.summary,
    path: `/articles/${article.slug}`,
    type: 'article',
    lang: article.lang,
    card: { kind: 'article', slug: article.slug, alt: `${article.title} — ${site.name}` },
    labels: [['Reading time', `${article.readingMinutes} min read`], ...(countries.length ? [['Countries', countries.join(', ')] as [string, string]] : [])],
  });
  const images = preview ? [{ url: absoluteUrl(`/og/preview/${article.slug}`), width: 1200, height: 630, alt: article.title, type: 'image/png' }] : base.openGraph?.images;
  return {
    ...base,
    alternates: { canonical: article.canonical ?? absoluteUrl(`/articles/${article.slug}`) },
    authors: [{ name: article.author.name, url: absoluteUrl(`/author/${article.author.slug}`) }],
    keywords: article.tags.map((tag) => tag.country?.name ?? tag.name),
    openGraph: {
      ...base.openGraph,
      url: article.canonical ?? absoluteUrl(`/articles/${article.slug}`),
      images,
      type: 'article',
      publishedTime: article.date,
      modifiedTime: article.updated ?? article.date,
      authors: [absoluteUrl(`/author/${article.author.slug}`)],
      section: article.categories[0]?.name,
      tags: article.tags.map((tag) => tag.country?.name ?? tag.name),
    },
    ...(preview ? { twitter: { ...base.twitter, images } } : {}),
    ...(preview ? { robots: { index: false, follow: false } } : {}),
  };
}

/** One article, with its byline, body, share links, comments and related stories. */
export default async function ArticlePage({ params }: Props) {
  const found = await articleFor((await params).slug);
  if (!found) notFound();
  const { article, preview } = found;
  // An unpublished article has no comments yet, and none can be posted to it.
  const thread = preview ? { count: 0, comments: [] } : await getCachedCommentThread(article.slug);
  const banner = preview ? (
    <aside className="preview-banner" aria-label="Preview">
      <strong>Preview — not published.</strong> {article.status === 'draft' ? 'This is a draft.' : `Scheduled for ${formatDateTime(article.date)}.`}{' '}
      <a href="/api/draft/disable?to=/editor">Leave preview</a>
    </aside>
  ) : undefined;
  return (
    <>
      <JsonLd data={articleStructuredData(article)} />
      <ArticleDocument article={article} thread={thread} banner={banner} />
    </>
  );
}
