/**
 * The editors' moderation API. Every handler checks the session itself (never only in proxy.ts)
 * and, for changes, that the request comes from this site's own pages.
 */
import 'server-only';
import { z } from 'zod';
import { requireEditor } from '../auth/session';
import { AppError } from '../errors';
import { readJsonBody } from '../http/body';
import { editorChange } from '../auth/editor-request';
import { errorResponse, toAppError } from '../http/errors';
import {
  deleteCommentForever,
  editCommentBody,
  listAlwaysHeld,
  listForModeration,
  moderationStatusSchema,
  type ModerationResult,
  replyAsPublication,
  setCommenterAlwaysHold,
  setCommentStatus,
} from './moderation';
import { revalidateCommentViews } from './revalidate';
import type { CommentRow } from './store/types';

const MAX_BODY = 16 * 1024;

const patchSchema = z.union([z.strictObject({ status: moderationStatusSchema }), z.strictObject({ body: z.string().max(6000) })], {
  error: 'Send {"status": "approved"|"pending"|"spam"|"trash"} or {"body": "…"}.',
});

/** Everything editors see of a comment, IP prefix and reason included. */
export function toEditorView(row: CommentRow) {
  return {
    id: row.id,
    article: row.article,
    parentId: row.parent_id,
    name: row.author_name,
    email: row.author_email,
    url: row.author_url,
    body: row.body,
    status: row.status,
    reason: row.reason,
    ipPrefix: row.ip_prefix,
    editorReply: Number(row.is_editor) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function done(result: ModerationResult, status = 200): Promise<Response> {
  if (result.changedArticle) await revalidateCommentViews(result.changedArticle);
  return Response.json({ comment: toEditorView(result.comment) }, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** PATCH /api/comments/<id> */
export function patchComment(request: Request, id: string): Promise<Response> {
  return editorChange(request, 'PATCH /api/comments/[id]', async (editor) => {
    const parsed = patchSchema.safeParse(await readJsonBody(request, MAX_BODY));
    if (!parsed.success) throw new AppError('invalid_input', { message: parsed.error.issues[0]!.message, fields: { body: parsed.error.issues[0]!.message } });
    const change = parsed.data;
    return done('status' in change ? await setCommentStatus(id, change.status, editor.email) : await editCommentBody(id, change.body, editor.email));
  });
}

/** DELETE /api/comments/<id>: delete for ever. */
export function deleteComment(request: Request, id: string): Promise<Response> {
  return editorChange(request, 'DELETE /api/comments/[id]', async (editor) => done(await deleteCommentForever(id, editor.email)));
}

/** POST /api/comments/<id>/replies: reply as the publication. */
export function postEditorReply(request: Request, id: string): Promise<Response> {
  return editorChange(request, 'POST /api/comments/[id]/replies', async (editor) => {
    const parsed = z.strictObject({ body: z.string().max(6000) }).safeParse(await readJsonBody(request, MAX_BODY));
    if (!parsed.success) throw new AppError('invalid_input', { fields: { body: 'Send {"body": "…"}.' } });
    return done(await replyAsPublication(id, parsed.data.body, editor), 201);
  });
}

const holdSchema = z.strictObject({ email: z.string().max(254), hold: z.boolean() }, { error: 'Send {"email": "…", "hold": true|false}.' });

/** PUT /api/commenters/holds: always hold a commenter's comments for moderation ({"hold": true}), or lift that. */
export function putCommenterHold(request: Request): Promise<Response> {
  return editorChange(request, 'PUT /api/commenters/holds', async (editor) => {
    const parsed = holdSchema.safeParse(await readJsonBody(request, MAX_BODY));
    if (!parsed.success) throw new AppError('invalid_input', { message: 'Send {"email": "…", "hold": true|false}.', fields: fieldsOf(parsed.error) });
    const { email, changed } = await setCommenterAlwaysHold(parsed.data.email, parsed.data.hold, editor.email);
    return Response.json({ email, held: parsed.data.hold, changed }, { headers: { 'Cache-Control': 'no-store' } });
  });
}

/** GET /api/commenters/holds: the commenters held always, editors only. */
export async function getCommenterHolds(): Promise<Response> {
  try {
    await requireEditor();
    const holds = await listAlwaysHeld();
    return Response.json({ holds: holds.map((h) => ({ email: h.email, by: h.actor, since: h.created_at })) }, { headers: { 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    return errorResponse(toAppError(error, 'GET /api/commenters/holds'));
  }
}

function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) fields[key] = 'This field is not accepted.';
    else fields[String(issue.path[0] ?? 'email')] ??= issue.message;
  }
  return fields;
}

/** GET /api/comments?status=<status>: the moderation queue, editors only. */
export async function getModerationQueue(request: Request): Promise<Response> {
  try {
    await requireEditor();
    const params = new URL(request.url).searchParams;
    const status = moderationStatusSchema.safeParse(params.get('status'));
    if (!status.success) throw new AppError('invalid_input', { fields: { status: status.error.issues[0]!.message } });
    const whole = (value: string | null, fallback: number, max: number) => (/^\d{1,9}$/.test(value ?? '') ? Math.min(max, Number(value)) : fallback);
    const limit = Math.max(1, whole(params.get('limit'), 50, 200));
    const offset = whole(params.get('offset'), 0, 1_000_000_000);
    const rows = await listForModeration(status.data, limit, offset);
    return Response.json({ status: status.data, comments: rows.map(toEditorView) }, { headers: { 'Cache-Control': 'private, no-store' } });
  } catch (error) {
    return errorResponse(toAppError(error, 'GET /api/comments?status'));
  }
}
