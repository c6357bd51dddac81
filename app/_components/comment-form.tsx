import type { ReactNode } from 'react';
import { ReaderScript } from '@/app/_lib/reader-script';

export interface CommentFormValues {
  name?: string;
  email?: string;
  url?: string;
  body?: string;
  parentId?: string;
  remember?: boolean;
}

interface Props {
  article: string;
  token: string;
  values?: CommentFormValues;
  errors?: Record<string, string>;
  message?: string;
  /** The comment being answered, when the page was opened to reply. */
  replyTo?: { id: string; name: string };
}

const FIELDS = ['name', 'email', 'url', 'body'] as const;
type FieldName = (typeof FIELDS)[number];

/**
 * The "Leave a Reply" form: a plain form POST to /api/comments, which works without JavaScript. public/reader.js
 * (data-enhance="comment-form") posts it as JSON in place instead, shows the answer and each field's error, refreshes
 * the token, handles Reply links and remembers the commenter's details — reader pages carry no other script.
 */
export function CommentForm({ article, token, values = {}, errors = {}, message, replyTo }: Props) {
  const otherErrors = Object.entries(errors).filter(([field]) => !(FIELDS as readonly string[]).includes(field));

  return (
    <form id="respond" className="comment-form" method="post" action="/api/comments" aria-labelledby="respond-heading" data-enhance="comment-form">
      <ReaderScript />
      <h3 id="respond-heading">{replyTo ? `Reply to ${replyTo.name}` : 'Leave a Reply'}</h3>
      {replyTo ? (
        <p className="comment-form__replying">
          You are replying to {replyTo.name}. <a href={`/articles/${article}#respond`}>Cancel reply</a>
        </p>
      ) : null}
      <p className="comment-form__note">
        Your email address will not be published. Required fields are marked <span aria-hidden="true">*</span>
        <span className="sr-only">as required</span>.
      </p>
      <div aria-live="polite" className="comment-form__status">
        {message ? <p className="notice notice--error">{message}</p> : null}
        {otherErrors.length > 0 ? (
          <ul className="notice notice--error">
            {otherErrors.map(([field, text]) => (
              <li key={field}>{text}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <input type="hidden" name="article" value={article} />
      <input type="hidden" name="parentId" value={replyTo?.id ?? ''} />
      <input type="hidden" name="token" value={token} />
      <Field name="body" label="Comment" required error={errors.body}>
        {(props) => <textarea {...props} rows={7} minLength={3} maxLength={5000} defaultValue={values.body} />}
      </Field>
      <Field name="name" label="Name" required error={errors.name}>
        {(props) => <input {...props} type="text" autoComplete="name" maxLength={80} defaultValue={values.name} />}
      </Field>
      <Field name="email" label="Email" required error={errors.email}>
        {(props) => <input {...props} type="email" autoComplete="email" maxLength={254} defaultValue={values.email} />}
      </Field>
      <Field name="url" label="Website" error={errors.url}>
        {(props) => <input {...props} type="url" autoComplete="url" maxLength={200} defaultValue={values.url} />}
      </Field>
      <div className="field field--hp">
        <label htmlFor="comment-address">Leave this field empty</label>
        <input id="comment-address" name="address" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <div className="field field--check">
        <input id="comment-remember" name="remember" type="checkbox" defaultChecked={values.remember} />
        <label htmlFor="comment-remember">Save my name, email, and website in this browser for the next time I comment.</label>
      </div>
      <p>
        <button type="submit" className="button">
          Post Comment
        </button>
      </p>
    </form>
  );
}

interface ControlProps {
  id: string;
  name: FieldName;
  required?: boolean;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** A labelled form control with its required marker and its error message, tied together for assistive technology. */
function Field({ name, label, required, error, children }: { name: FieldName; label: string; required?: boolean; error?: string; children: (props: ControlProps) => ReactNode }) {
  const id = `comment-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {children({ id, name, required, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined })}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
