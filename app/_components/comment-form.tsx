'use client';

import { type FormEvent, type ReactNode, useEffect, useRef, useState, useSyncExternalStore } from 'react';

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

const SAVED_KEY = 'eurasian-star:commenter';
const FIELDS = ['name', 'email', 'url', 'body'] as const;
type FieldName = (typeof FIELDS)[number];

interface ErrorBody {
  error?: { code?: string; message?: string; fields?: Record<string, string> };
}

/**
 * The "Leave a Reply" form. Without JavaScript it is a plain form POST to /api/comments; with
 * JavaScript it posts JSON, shows the answer in place, refreshes its token and handles Reply links.
 */
export function CommentForm({ article, token: initialToken, values = {}, errors: initialErrors = {}, message: initialMessage, replyTo: initialReplyTo }: Props) {
  const formRef = useRef<HTMLFormElement>(null);
  // False in the server's HTML and during hydration, true once this script runs in the browser.
  const enhanced = useSyncExternalStore(noSubscription, () => true, () => false);
  const [token, setToken] = useState(initialToken);
  const [errors, setErrors] = useState<Record<string, string>>(initialErrors);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(initialMessage ? { kind: 'error', text: initialMessage } : null);
  const [replyTo, setReplyTo] = useState(initialReplyTo);
  const [busy, setBusy] = useState(false);
  // One Idempotency-Key per comment: resending the same words after a lost answer cannot post them twice.
  const attempt = useRef<{ payload: string; key: string } | null>(null);

  useEffect(() => {
    const form = formRef.current;
    if (form && !values.name && !values.email) restoreSavedDetails(form);
    void refreshToken(setToken);
    const onClick = (event: MouseEvent) => {
      const link = (event.target as Element | null)?.closest?.('a[data-reply-to]');
      if (!(link instanceof HTMLAnchorElement) || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      setReplyTo({ id: link.dataset.replyTo ?? '', name: link.dataset.replyName ?? '' });
      form?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      form?.querySelector<HTMLTextAreaElement>('textarea[name="body"]')?.focus({ preventScroll: true });
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
    // Runs once: the props are the server's initial state.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const payload: Record<string, string> = {};
    for (const key of ['article', 'parentId', 'name', 'email', 'url', 'body', 'token', 'address']) {
      const value = data.get(key);
      if (typeof value === 'string' && (value !== '' || ['name', 'email', 'body', 'address'].includes(key))) payload[key] = value;
    }
    rememberDetails(data.get('remember') === 'on', payload);
    const json = JSON.stringify(payload);
    if (attempt.current?.payload !== json) attempt.current = { payload: json, key: newIdempotencyKey() };
    setBusy(true);
    setMessage(null);
    try {
      const response = await fetch('/api/comments', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': attempt.current.key },
        body: json,
      });
      if (response.status === 201) {
        attempt.current = null;
        const result = (await response.json()) as { id: string; status: string };
        setErrors({});
        setMessage({
          kind: 'success',
          text: result.status === 'approved' ? 'Thank you: your comment is published. Reload the page to see it.' : 'Your comment is awaiting moderation.',
        });
        (form.elements.namedItem('body') as HTMLTextAreaElement).value = '';
        setReplyTo(undefined);
        void refreshToken(setToken);
        return;
      }
      const body = (await response.json().catch(() => ({}))) as ErrorBody;
      setErrors(body.error?.fields ?? {});
      const wait = response.headers.get('retry-after');
      setMessage({ kind: 'error', text: `${body.error?.message ?? 'Your comment could not be posted.'}${wait ? ` Try again in ${wait} seconds.` : ''}` });
    } catch {
      setMessage({ kind: 'error', text: 'We could not reach the server. Check your connection and try again.' });
    } finally {
      setBusy(false);
    }
  }

  const otherErrors = Object.entries(errors).filter(([field]) => !(FIELDS as readonly string[]).includes(field));

  return (
    <form
      ref={formRef}
      id="respond"
      className="comment-form"
      method="post"
      action="/api/comments"
      noValidate={enhanced}
      onSubmit={enhanced ? onSubmit : undefined}
      aria-labelledby="respond-heading"
    >
      <h3 id="respond-heading">{replyTo ? `Reply to ${replyTo.name}` : 'Leave a Reply'}</h3>
      {replyTo ? (
        <p className="comment-form__replying">
          You are replying to {replyTo.name}.{' '}
          {enhanced ? (
            <button type="button" className="link-button" onClick={() => setReplyTo(undefined)}>
              Cancel reply
            </button>
          ) : (
            <a href={`/articles/${article}#respond`}>Cancel reply</a>
          )}
        </p>
      ) : null}
      <p className="comment-form__note">
        Your email address will not be published. Required fields are marked <span aria-hidden="true">*</span>
        <span className="sr-only">as required</span>.
      </p>
      <div aria-live="polite" className="comment-form__status">
        {message ? (
          <p className={message.kind === 'success' ? 'notice notice--success' : 'notice notice--error'}>{message.text}</p>
        ) : null}
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
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Posting…' : 'Post Comment'}
        </button>
      </p>
    </form>
  );
}

const noSubscription = () => () => undefined;

/** 128 random bits in hex (crypto.randomUUID needs a secure context; getRandomValues does not). */
function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
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

async function refreshToken(set: (token: string) => void): Promise<void> {
  try {
    const response = await fetch('/api/comments/token', { cache: 'no-store' });
    if (response.ok) set(((await response.json()) as { token: string }).token);
  } catch {
    // Keep the token the page came with; the server holds stale tokens for moderation, it does not refuse them.
  }
}

function restoreSavedDetails(form: HTMLFormElement): void {
  try {
    const saved = JSON.parse(localStorage.getItem(SAVED_KEY) ?? 'null') as Partial<Record<'name' | 'email' | 'url', string>> | null;
    if (!saved) return;
    for (const key of ['name', 'email', 'url'] as const) {
      const input = form.elements.namedItem(key) as HTMLInputElement | null;
      if (input && !input.value && saved[key]) input.value = saved[key];
    }
    (form.elements.namedItem('remember') as HTMLInputElement).checked = true;
  } catch {
    // Storage may be unavailable (private mode); the form works without it.
  }
}

function rememberDetails(consent: boolean, payload: Record<string, string>): void {
  try {
    if (consent) localStorage.setItem(SAVED_KEY, JSON.stringify({ name: payload.name, email: payload.email, url: payload.url ?? '' }));
    else localStorage.removeItem(SAVED_KEY);
  } catch {
    // Storage may be unavailable; nothing to remember then.
  }
}
