/**
 * What editors and operators do to comments. Moderation is a status change; only "delete forever"
 * removes a row. Every action is written to the audit log with who did it and the status before and after.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { getPublishedArticle } from '../content';
import { AppError } from '../errors';
import { parseCommentInput } from './input';
import { contentHash, newCommentId } from './service';
import { getCommentStore } from './store';
import { isUniqueViolation } from './store/kysely-store';
import type { AuditRow, CommenterHoldRow, CommentRow } from './store/types';
import { COMMENT_STATUSES, type CommentStatus } from './types';

/** Who acted: an editor's email, or "cli" for the operators' tool. */
export type Actor = string;

export interface ModerationResult {
  comment: CommentRow;
  /** The article whose public page changed, if any: refresh it. */
  changedArticle: string | null;
}

const shows = (row: Pick<CommentRow, 'status'> | undefined) => row?.status === 'approved';

async function audit(actor: Actor, action: string, before: CommentRow | undefined, after: CommentRow | undefined, detail: string | null, now: Date) {
  const row = before ?? after;
  const entry: AuditRow = {
    id: randomBytes(9).toString('base64url'),
    at: now.toISOString(),
    actor,
    action,
    comment_id: row?.id ?? null,
    article: row?.article ?? null,
    from_status: before?.status ?? null,
    to_status: after?.status ?? null,
    detail,
  };
  await (await getCommentStore()).appendAudit(entry);
}

async function existing(id: string): Promise<CommentRow> {
  const row = await (await getCommentStore()).get(id);
  if (!row) throw new AppError('comment_not_found');
  return row;
}

/** Approve, unapprove (pending), mark spam, trash or restore a comment. */
export async function setCommentStatus(id: string, status: CommentStatus, actor: Actor = 'cli', now: Date = new Date()): Promise<ModerationResult & { before: CommentRow; after: CommentRow }> {
  const before = await existing(id);
  const after = (await (await getCommentStore()).setStatus(id, status, now.toISOString())) ?? before;
  await audit(actor, 'status', before, after, null, now);
  return { before, after, comment: after, changedArticle: shows(before) || shows(after) ? after.article : null };
}

/** Corrects a comment's text; the duplicate check follows the new text. */
export async function editCommentBody(id: string, body: string, actor: Actor, now: Date = new Date()): Promise<ModerationResult> {
  const before = await existing(id);
  const text = z
    .string()
    .transform((v) => v.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().min(3, 'The comment must be at least 3 characters long.').max(5000, 'The comment can be at most 5000 characters long.'))
    .safeParse(body);
  if (!text.success) throw new AppError('invalid_input', { fields: { body: text.error.issues[0]!.message } });
  let after: CommentRow;
  try {
    after = (await (await getCommentStore()).updateBody(id, text.data, contentHash(before.article, before.author_name, before.author_email, text.data), now.toISOString()))!;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('duplicate', { message: 'This author already has a comment with that text on this article.' });
    throw error;
  }
  await audit(actor, 'edit', before, after, null, now);
  return { comment: after, changedArticle: shows(after) ? after.article : null };
}

/** Removes a comment for good. */
export async function deleteCommentForever(id: string, actor: Actor, now: Date = new Date()): Promise<ModerationResult> {
  const before = await existing(id);
  await (await getCommentStore()).deleteForever(id);
  await audit(actor, 'delete', before, undefined, null, now);
  return { comment: before, changedArticle: shows(before) ? before.article : null };
}

/** A reply signed by the publication: approved at once and marked as an editor's reply. */
export async function replyAsPublication(parentId: string, body: string, editor: { name: string; email: string }, now: Date = new Date()): Promise<ModerationResult> {
  const parent = await existing(parentId);
  if (parent.status !== 'approved') throw new AppError('invalid_input', { fields: { parentId: 'Only a published comment can be answered.' } });
  const article = getPublishedArticle(parent.article);
  if (!article) throw new AppError('article_not_found');
  const input = parseCommentInput({ article: parent.article, parentId, name: editor.name, email: editor.email, body, token: 'editor' });
  const store = await getCommentStore();
  const id = newCommentId();
  const iso = now.toISOString();
  const result = await store.insert(
    {
      id,
      article: parent.article,
      parent_id: parent.depth >= 5 ? parent.parent_id : parent.id,
      depth: Math.min(parent.depth + 1, 5),
      author_name: input.name,
      author_email: input.email,
      author_url: null,
      body: input.body,
      status: 'approved',
      reason: null,
      is_editor: 1,
      ip_hash: null,
      ip_prefix: null,
      user_agent: null,
      content_hash: contentHash(parent.article, input.name, input.email, input.body),
      created_at: iso,
      updated_at: iso,
    },
    null,
    iso,
  );
  if (!result.ok) throw new AppError('duplicate');
  const after = (await store.get(id))!;
  await audit(editor.email, 'reply', undefined, after, `reply to ${parentId}`, now);
  return { comment: after, changedArticle: parent.article };
}

export const moderationStatusSchema = z.enum(COMMENT_STATUSES, { error: `status must be one of ${COMMENT_STATUSES.join(', ')}` });

/** The moderation queue for one status, newest first, with every field editors may see. */
export async function listForModeration(status: CommentStatus, limit = 50, offset = 0): Promise<CommentRow[]> {
  return (await getCommentStore()).list({ status, limit, offset });
}

const holdEmailSchema = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.email({ error: 'Give the commenter’s email address, like name@example.com.' }).max(254));

/**
 * Holds every future comment from an email address for moderation, whatever its record (or lifts that),
 * audited with who did it. Returns whether anything changed; an unchanged request is not audited.
 */
export async function setCommenterAlwaysHold(email: string, hold: boolean, actor: Actor, now: Date = new Date()): Promise<{ email: string; changed: boolean }> {
  const parsed = holdEmailSchema.safeParse(email);
  if (!parsed.success) throw new AppError('invalid_input', { fields: { email: parsed.error.issues[0]!.message } });
  const store = await getCommentStore();
  const changed = await store.setAlwaysHold(parsed.data, hold, actor, now.toISOString());
  if (changed) {
    await store.appendAudit({
      id: randomBytes(9).toString('base64url'),
      at: now.toISOString(),
      actor,
      action: hold ? 'always-hold' : 'lift-hold',
      comment_id: null,
      article: null,
      from_status: null,
      to_status: null,
      detail: parsed.data,
    });
  }
  return { email: parsed.data, changed };
}

/** The email addresses whose every comment is held, newest first. */
export async function listAlwaysHeld(): Promise<CommenterHoldRow[]> {
  return (await getCommentStore()).listAlwaysHeld();
}

/** The latest audit log entries. */
export async function listAuditLog(limit = 50): Promise<AuditRow[]> {
  return (await getCommentStore()).listAudit(limit);
}
