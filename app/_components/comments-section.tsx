import type { Article } from '@/lib/content';
import { commentsOpen } from '@/lib/comments/service';
import { moderationConfig } from '@/lib/comments/config';
import { issueFormToken } from '@/lib/comments/token';
import type { CommentNode } from '@/lib/comments/types';
import { CommentForm } from './comment-form';
import { CommentList } from './comment-list';

/** Readers' approved comments under an article, and the form to add one while comments are open. */
export function CommentsSection({ article, thread }: { article: Article; thread: { count: number; comments: CommentNode[] } }) {
  const open = commentsOpen(article, new Date(), moderationConfig());
  const heading = thread.count === 0 ? 'Comments' : `${thread.count} ${thread.count === 1 ? 'comment' : 'comments'}`;
  return (
    <section id="comments" className="comments" aria-labelledby="comments-heading" lang="en">
      <h2 id="comments-heading">{heading}</h2>
      <p id="comment-pending" className="comment-notice" tabIndex={-1}>
        Thank you. Your comment is awaiting moderation: it will appear here once an editor approves it.
      </p>
      {thread.count === 0 && open ? <p className="comments__empty">No comments yet. Start the conversation.</p> : null}
      <CommentList comments={thread.comments} articleSlug={article.slug} canReply={open} />
      {open ? <CommentForm article={article.slug} token={issueFormToken()} /> : <p className="comments__closed">Comments are closed for this article.</p>}
    </section>
  );
}
