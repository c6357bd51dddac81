import type { CommentNode } from '@/lib/comments/types';
import { formatDateTime } from '@/lib/format';
import { site } from '@/lib/site';
import { CommentBody } from './comment-body';

/** One approved comment with its replies. */
function CommentItem({ comment, articleSlug, canReply }: { comment: CommentNode; articleSlug: string; canReply: boolean }) {
  const authorId = `comment-${comment.id}-author`;
  return (
    <li id={`comment-${comment.id}`} className={comment.editorReply ? 'comment comment--editor' : 'comment'}>
      <article aria-labelledby={authorId}>
        <header className="comment__meta">
          <span id={authorId} className="comment__author">
            {comment.url ? (
              <a href={comment.url} rel="nofollow ugc noopener noreferrer">
                {comment.name}
              </a>
            ) : (
              comment.name
            )}
          </span>
          {comment.editorReply ? <span className="comment__badge">{site.name}</span> : null}{' '}
          <a className="comment__permalink" href={`#comment-${comment.id}`}>
            <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
          </a>
        </header>
        <CommentBody text={comment.body} />
        {canReply ? (
          <a
            className="comment__reply"
            href={`/articles/${articleSlug}/respond?replyto=${comment.id}#respond`}
            data-reply-to={comment.id}
            data-reply-name={comment.name}
          >
            Reply<span className="sr-only"> to {comment.name}</span>
          </a>
        ) : null}
      </article>
      {comment.replies.length > 0 ? (
        <ol className="comment-list comment-list--replies">
          {comment.replies.map((reply) => (
            <CommentItem key={reply.id} comment={reply} articleSlug={articleSlug} canReply={canReply} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

/** Approved comments, threaded. */
export function CommentList({ comments, articleSlug, canReply }: { comments: CommentNode[]; articleSlug: string; canReply: boolean }) {
  if (comments.length === 0) return null;
  return (
    <ol className="comment-list">
      {comments.map((comment) => (
        <CommentItem key={comment.id} comment={comment} articleSlug={articleSlug} canReply={canReply} />
      ))}
    </ol>
  );
}
