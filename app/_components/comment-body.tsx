import { Fragment } from 'react';
import { splitLinks } from '@/lib/comments/links';

/** A comment's text as escaped paragraphs with line breaks and linked URLs; no HTML from the commenter survives. */
export function CommentBody({ text }: { text: string }) {
  return (
    <div className="comment__body">
      {text.split(/\n{2,}/).map((paragraph, p) => (
        <p key={p}>
          {paragraph.split('\n').map((line, l) => (
            <Fragment key={l}>
              {l > 0 ? <br /> : null}
              {splitLinks(line).map((part, i) =>
                part.href ? (
                  <a key={i} href={part.href} rel="nofollow ugc noopener noreferrer">
                    {part.text}
                  </a>
                ) : (
                  <Fragment key={i}>{part.text}</Fragment>
                ),
              )}
            </Fragment>
          ))}
        </p>
      ))}
    </div>
  );
}
