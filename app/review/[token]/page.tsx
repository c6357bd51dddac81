import type { Metadata } from 'next';
import { connection } from 'next/server';
import { notFound } from 'next/navigation';
import { ArticleDocument } from '@/app/_components/article-document';
import { readReviewToken } from '@/lib/auth/review-link';
import { getArticleForPreview } from '@/lib/content/preview';
import { formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'Review copy', robots: { index: false, follow: false } };

/** A reviewer's read-only copy of one unpublished article, through a signed link that expires. */
export default async function ReviewPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const link = readReviewToken((await params).token);
  const article = link ? getArticleForPreview(link.slug) : undefined;
  if (!link || !article) notFound();
  const banner = (
    <aside className="preview-banner" aria-label="Review copy">
      <strong>Review copy — not published.</strong> Please do not share this link. It stops working on {formatDateTime(link.expiresAt.toISOString())}.
    </aside>
  );
  return <ArticleDocument article={article} thread={null} banner={banner} />;
}
