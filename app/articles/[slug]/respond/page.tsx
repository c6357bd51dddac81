import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { notFound } from 'next/navigation';
import { CommentBody } from '@/app/_components/comment-body';
import { CommentForm } from '@/app/_components/comment-form';
import { moderationConfig } from '@/lib/comments/config';
import { FLASH_COOKIE, readFormFailure } from '@/lib/comments/flash';
import { commentsOpen, toPublicComment } from '@/lib/comments/service';
import { getCommentStore } from '@/lib/comments/store';
import { issueFormToken } from '@/lib/comments/token';
import { getPublishedArticle } from '@/lib/content';
import { formatDateTime } from '@/lib/format';

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ f?: string | string[]; e?: string | string[]; replyto?: string | string[] }>;
}

export const metadata: Metadata = { title: 'Leave a reply', robots: { index: false, follow: false } };

const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

/**
 * The comment form on its own page, for readers without JavaScript: answering a comment, or
 * fixing a submission that was refused (their text kept, each error next to its field).
 */
export default async function RespondPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const article = getPublishedArticle(slug);
  if (!article) notFound();
  const query = await searchParams;
  const flashId = one(query.f);
  const failure = flashId ? await readFormFailure(flashId, (await cookies()).get(FLASH_COOKIE)?.value, slug) : undefined;

  const replyToId = one(query.replyto) ?? failure?.values.parentId;
  const parentRow = replyToId && /^[A-Za-z0-9_-]{1,32}$/.test(replyToId) ? await (await getCommentStore()).get(replyToId) : undefined;
  const parent = parentRow && parentRow.article === slug && parentRow.status === 'approved' ? toPublicComment(parentRow) : undefined;
  const open = commentsOpen(article, new Date(), moderationConfig());

  return (
    <div className="article">
      <header className="page-header">
        <p className="eyebrow">Comments</p>
        <h1>
          <a href={`/articles/${slug}`}>{article.title}</a>
        </h1>
        <p>
          <a href={`/articles/${slug}#comments`}>← Back to the article and its comments</a>
        </p>
      </header>
      {parent ? (
        <section className="comments" aria-labelledby="parent-heading">
          <h2 id="parent-heading">
            {parent.name} wrote on <time dateTime={parent.createdAt}>{formatDateTime(parent.createdAt)}</time>
          </h2>
          <CommentBody text={parent.body} />
        </section>
      ) : null}
      {flashId && !failure ? <p className="notice notice--error">This form has expired. Please write your comment again.</p> : null}
      {failure?.lost ? (
        <p className="notice notice--error">
          Some of what you wrote was too long for us to keep while you correct the form. Your browser’s Back button may still have it.
        </p>
      ) : null}
      {one(query.e) === 'rate_limited' ? (
        <p className="notice notice--error">You are posting comments too quickly. Please wait a moment and try again.</p>
      ) : null}
      {open ? (
        <section className="comments" aria-label="Your comment">
          <CommentForm
            article={slug}
            token={issueFormToken()}
            values={failure?.values}
            errors={failure?.fields}
            message={failure?.message}
            replyTo={parent ? { id: parent.id, name: parent.name } : undefined}
          />
        </section>
      ) : (
        <p className="comments__closed">Comments are closed for this article.</p>
      )}
    </div>
  );
}
