import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ModerationQueue, type QueueComment } from './_components/moderation-queue';
import { ReviewLinkButton } from './_components/review-link-button';
import { SignOutButton } from './_components/sign-out-button';
import { toEditorView } from '@/lib/comments/editor-controller';
import { listAlwaysHeld, listAuditLog, listForModeration, moderationStatusSchema } from '@/lib/comments/moderation';
import { getCommentStore } from '@/lib/comments/store';
import { currentEditor } from '@/lib/auth/session';
import { getLibrary, isPublic, publicationCutoff } from '@/lib/content';
import { formatDateTime } from '@/lib/format';

export const metadata: Metadata = { title: 'Editors’ desk', robots: { index: false, follow: false } };

interface Props {
  searchParams: Promise<{ status?: string | string[] }>;
}

const TABS = [
  { status: 'pending', label: 'Pending' },
  { status: 'approved', label: 'Approved' },
  { status: 'spam', label: 'Spam' },
  { status: 'trash', label: 'Trash' },
] as const;

/** The editors' desk: the moderation queue, the audit log, and drafts to preview. Editors only. */
export default async function DeskPage({ searchParams }: Props) {
  const editor = await currentEditor();
  if (!editor) redirect('/editor/login?callbackUrl=/editor');
  const requested = (await searchParams).status;
  const status = moderationStatusSchema.safeParse(requested).data ?? 'pending';
  const store = await getCommentStore();
  const [counts, rows, audit, holds] = await Promise.all([store.countByStatus(), listForModeration(status, 100), listAuditLog(30), listAlwaysHeld()]);
  const held = new Set(holds.map((h) => h.email));
  const library = getLibrary();
  const titles = new Map(library.articles.map((a) => [a.slug, a.title]));
  const comments: QueueComment[] = rows.map((row) => ({
    ...toEditorView(row),
    articleTitle: titles.get(row.article) ?? row.article,
    when: formatDateTime(row.created_at),
    alwaysHeld: held.has(row.author_email),
  }));
  const unpublished = library.articles.filter((a) => !isPublic(a, publicationCutoff()));

  return (
    <div className="desk">
      <header className="page-header">
        <p className="eyebrow">Editors’ desk</p>
        <h1>Comments</h1>
        <p>
          Signed in as {editor.name} ({editor.email}). <SignOutButton />
        </p>
      </header>
      <nav aria-label="Comment status" className="desk-tabs">
        <ul>
          {TABS.map((tab) => (
            <li key={tab.status}>
              <a href={`/editor?status=${tab.status}`} aria-current={tab.status === status ? 'page' : undefined}>
                {tab.label} <span className="desk-count">({counts[tab.status]})</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading" className="section-title">
          {TABS.find((t) => t.status === status)!.label} comments
        </h2>
        <ModerationQueue comments={comments} status={status} />
      </section>
      <section aria-labelledby="drafts-heading">
        <h2 id="drafts-heading" className="section-title">
          Drafts and scheduled articles
        </h2>
        {unpublished.length === 0 ? <p className="empty">None.</p> : null}
        <ul className="desk-drafts">
          {unpublished.map((a) => (
            <li key={a.slug}>
              <strong>{a.title}</strong> — {a.status === 'draft' ? 'draft' : `scheduled for ${formatDateTime(a.date)}`}, by {a.author.name}.{' '}
              <a href={`/api/draft?slug=${encodeURIComponent(a.slug)}`}>Preview</a> · <ReviewLinkButton slug={a.slug} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading" className="section-title">
          Audit log
        </h2>
        {audit.length === 0 ? <p className="empty">No moderation yet.</p> : null}
        <ol className="desk-audit">
          {audit.map((entry) => (
            <li key={entry.id}>
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time> — {entry.actor}:{' '}
              {entry.comment_id === null && entry.detail ? (
                // A commenter-wide action (always hold, lift hold): it names the email, not a comment.
                <>
                  {entry.action} {entry.detail}
                </>
              ) : (
                <>
                  {entry.action} comment {entry.comment_id ?? ''} on {entry.article ?? '—'} ({entry.from_status ?? '—'} → {entry.to_status ?? 'deleted'})
                  {entry.detail ? `, ${entry.detail}` : ''}
                </>
              )}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
