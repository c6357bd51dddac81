'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

export interface QueueComment {
  id: string;
  article: string;
  articleTitle: string;
  name: string;
  email: string;
  url: string | null;
  body: string;
  status: 'pending' | 'approved' | 'spam' | 'trash';
  reason: string | null;
  ipPrefix: string | null;
  editorReply: boolean;
  createdAt: string;
  when: string;
  /** Whether an editor holds every comment from this email address. */
  alwaysHeld: boolean;
}

type Action = { label: string; run: (id: string) => Promise<Response> };

const send = (method: string, path: string, body?: unknown) =>
  fetch(path, { method, headers: body ? { 'content-type': 'application/json' } : undefined, body: body ? JSON.stringify(body) : undefined });
const setStatus = (status: string) => (id: string) => send('PATCH', `/api/comments/${id}`, { status });

const ACTIONS: Record<QueueComment['status'], Action[]> = {
  pending: [
    { label: 'Approve', run: setStatus('approved') },
    { label: 'Spam', run: setStatus('spam') },
    { label: 'Trash', run: setStatus('trash') },
  ],
  approved: [
    { label: 'Unapprove', run: setStatus('pending') },
    { label: 'Spam', run: setStatus('spam') },
    { label: 'Trash', run: setStatus('trash') },
  ],
  spam: [
    { label: 'Not spam', run: setStatus('pending') },
    { label: 'Delete forever', run: (id) => send('DELETE', `/api/comments/${id}`) },
  ],
  trash: [
    { label: 'Restore', run: setStatus('pending') },
    { label: 'Delete forever', run: (id) => send('DELETE', `/api/comments/${id}`) },
  ],
};

/** The comments of one tab, with per-comment and bulk actions through the moderation API. */
export function ModerationQueue({ comments, status }: { comments: QueueComment[]; status: QueueComment['status'] }) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [replying, setReplying] = useState<string | null>(null);

  async function apply(action: Action, ids: string[]) {
    if (action.label === 'Delete forever' && !window.confirm(`Delete ${ids.length} comment(s) for ever? This cannot be undone.`)) return;
    const results = await Promise.all(ids.map((id) => action.run(id)));
    const failed = results.filter((r) => !r.ok).length;
    setMessage(failed ? `${failed} of ${ids.length} failed.` : `${action.label}: ${ids.length} comment(s).`);
    setSelected(new Set());
    router.refresh();
  }

  async function setAlwaysHold(email: string, hold: boolean) {
    const response = await send('PUT', '/api/commenters/holds', { email, hold });
    setMessage(response.ok ? (hold ? `Every comment from ${email} will be held.` : `${email} is no longer held always.`) : 'That did not work.');
    router.refresh();
  }

  async function saveText(id: string, body: string, reply: boolean) {
    const response = reply ? await send('POST', `/api/comments/${id}/replies`, { body }) : await send('PATCH', `/api/comments/${id}`, { body });
    const result = (await response.json().catch(() => ({}))) as { error?: { message?: string; fields?: Record<string, string> } };
    if (!response.ok) {
      setMessage(result.error?.fields?.body ?? result.error?.message ?? 'That did not work.');
      return;
    }
    setMessage(reply ? 'Reply published.' : 'Comment updated.');
    setEditing(null);
    setReplying(null);
    router.refresh();
  }

  if (comments.length === 0) return <p className="empty">Nothing here.</p>;
  const toggle = (id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));

  return (
    <>
      <div className="desk-bulk" role="group" aria-label="Bulk actions">
        <label>
          <input
            type="checkbox"
            checked={selected.size === comments.length}
            onChange={() => setSelected(selected.size === comments.length ? new Set() : new Set(comments.map((c) => c.id)))}
          />{' '}
          Select all
        </label>
        {ACTIONS[status].map((action) => (
          <button key={action.label} type="button" className="button button--small" disabled={selected.size === 0} onClick={() => apply(action, [...selected])}>
            {action.label} selected
          </button>
        ))}
      </div>
      <div aria-live="polite">{message ? <p className="notice">{message}</p> : null}</div>
      <ol className="desk-list">
        {comments.map((c) => (
          <li key={c.id} className="desk-comment" id={`desk-${c.id}`}>
            <div className="desk-comment__head">
              <label>
                <input type="checkbox" checked={selected.has(c.id)} onChange={() => toggle(c.id)} />
                <span className="sr-only">Select the comment by {c.name}</span>
              </label>
              <strong>{c.name}</strong> <span className="meta">&lt;{c.email}&gt;</span>
              {c.url ? <span className="meta"> · {c.url}</span> : null}
              <span className="meta"> · IP {c.ipPrefix ?? 'forgotten'}</span>
              <span className="meta"> · {c.when}</span>
            </div>
            <p className="meta">
              On <a href={`/articles/${c.article}#comment-${c.id}`}>{c.articleTitle}</a>
              {c.reason ? <> · Held: {c.reason}</> : null}
              {c.editorReply ? <> · Editor reply</> : null}
              {c.alwaysHeld ? <> · This commenter is held always</> : null}
            </p>
            {editing === c.id ? (
              <TextEditor label="Edit comment" initial={c.body} onSave={(text) => saveText(c.id, text, false)} onCancel={() => setEditing(null)} />
            ) : (
              <p className="desk-comment__body">{c.body}</p>
            )}
            {replying === c.id ? <TextEditor label={`Reply to ${c.name} as the publication`} initial="" onSave={(text) => saveText(c.id, text, true)} onCancel={() => setReplying(null)} /> : null}
            <div className="desk-actions">
              {ACTIONS[status].map((action) => (
                <button key={action.label} type="button" className="button button--small" onClick={() => apply(action, [c.id])}>
                  {action.label}
                </button>
              ))}
              <button type="button" className="link-button" onClick={() => setEditing(c.id)}>
                Edit
              </button>
              {status === 'approved' ? (
                <button type="button" className="link-button" onClick={() => setReplying(c.id)}>
                  Reply
                </button>
              ) : null}
              {c.editorReply ? null : (
                <button type="button" className="link-button" onClick={() => setAlwaysHold(c.email, !c.alwaysHeld)}>
                  {c.alwaysHeld ? 'Stop holding this commenter' : 'Always hold this commenter'}
                </button>
              )}
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}

function TextEditor({ label, initial, onSave, onCancel }: { label: string; initial: string; onSave: (text: string) => void; onCancel: () => void }) {
  const [text, setText] = useState(initial);
  return (
    <div className="field">
      <label>
        {label}
        <textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <p>
        <button type="button" className="button button--small" onClick={() => onSave(text)}>
          Save
        </button>{' '}
        <button type="button" className="link-button" onClick={onCancel}>
          Cancel
        </button>
      </p>
    </div>
  );
}
