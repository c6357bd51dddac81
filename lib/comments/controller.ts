/**
 * The HTTP frame around the comment service: body limits, content types, client address,
 * JSON or form answers. Nothing below this layer sees a Request.
 */
import 'server-only';
import { getPublishedArticle } from '../content';
import { AppError } from '../errors';
import { type BodyKind, bodyKind, parseBody, readBody } from '../http/body';
import { errorResponse, toAppError } from '../http/errors';
import { moderationConfig } from './config';
import { getModerationQueue } from './editor-controller';
import { clearFormFailureCookie, formFailure, formFailureCookie, newFormFailureId } from './flash';
import { IDEMPOTENCY_HEADER, readIdempotencyKey } from './idempotency';
import { clientIp } from '../http/client-address';
import { commenterCookie, commenterKeyFromRequest } from './returning-commenter';
import { revalidateCommentViews } from './revalidate';
import { getCommentThread, type Submitted, submitComment } from './service';
import { issueFormToken } from './token';

/** Largest accepted JSON body. */
export const MAX_COMMENT_BODY_BYTES = 16 * 1024;
/**
 * Largest accepted form body: the same 16 KB of text once decoded. A plain HTML form
 * percent-encodes every byte outside ASCII as three characters (%D0%B0), so a 5000-character
 * comment in Russian, Kazakh or Chinese — valid, and sent without JavaScript — needs up to 3 × 16 KB.
 */
export const MAX_FORM_BODY_BYTES = 3 * MAX_COMMENT_BODY_BYTES;

// Refusals a reader can fix on the form; the others are answered as they are.
const RECOVERABLE = new Set(['invalid_input', 'invalid_json', 'duplicate', 'rate_limited', 'comments_closed', 'unavailable']);

/** POST /api/comments */
export async function postComment(request: Request): Promise<Response> {
  let kind: BodyKind = 'json';
  let raw: unknown;
  try {
    kind = bodyKind(request);
    const idempotencyKey = readIdempotencyKey(request.headers.get(IDEMPOTENCY_HEADER));
    raw = parseBody(kind, await readBody(request, kind === 'form' ? MAX_FORM_BODY_BYTES : MAX_COMMENT_BODY_BYTES));
    const submitted = await submitComment(raw, {
      ip: clientIp(request.headers.get('x-forwarded-for'), moderationConfig().trustedProxies),
      userAgent: request.headers.get('user-agent'),
      idempotencyKey,
      commenterKey: commenterKeyFromRequest(request),
    });
    if (submitted.status === 'approved' && !submitted.replayed) await revalidateCommentViews(submitted.article);
    const location = successLocation(submitted);
    const headers = new Headers({ 'Cache-Control': 'no-store', Location: location });
    // Stripe's header: this answer is the stored one, not a new comment.
    if (submitted.replayed) headers.set('Idempotent-Replayed', 'true');
    // The returning-commenter cookie, renewed with every comment: the proof that counts towards trust (returning-commenter.ts).
    if (submitted.commenterKey) headers.append('Set-Cookie', commenterCookie(submitted.commenterKey, isHttps(request)));
    if (kind === 'form') {
      headers.append('Set-Cookie', clearFormFailureCookie(submitted.article, isHttps(request)));
      return new Response(null, { status: 303, headers });
    }
    return Response.json({ id: submitted.id, status: submitted.status }, { status: 201, headers });
  } catch (error) {
    const appError = toAppError(error, 'POST /api/comments');
    if (kind === 'form' && isRecord(raw) && typeof raw.article === 'string' && RECOVERABLE.has(appError.code)) {
      return formFailureAnswer(request, raw.article, raw, appError);
    }
    return errorResponse(appError);
  }
}

/** GET /api/comments?article=<slug> (public), or ?status=<status> (the editors' queue). */
export async function getComments(request: Request): Promise<Response> {
  try {
    const params = new URL(request.url).searchParams;
    if (params.has('status')) return await getModerationQueue(request);
    const slug = params.get('article');
    if (!slug) throw new AppError('invalid_input', { fields: { article: 'Say which article: ?article=<slug>.' } });
    const thread = await getCommentThread(slug);
    return Response.json({ article: slug, ...thread }, { headers: { 'Cache-Control': 'public, max-age=0, must-revalidate' } });
  } catch (error) {
    return errorResponse(toAppError(error, 'GET /api/comments'));
  }
}

/** GET /api/comments/token: a fresh form token for pages that were rendered long ago. */
export function getFormToken(): Response {
  return Response.json({ token: issueFormToken() }, { headers: { 'Cache-Control': 'no-store' } });
}

function successLocation({ article, id, status }: Submitted): string {
  return status === 'approved' ? `/articles/${article}#comment-${id}` : `/articles/${article}#comment-pending`;
}

function seeOther(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store', ...headers } });
}

/**
 * Without JavaScript: send the reader back to the form with the errors next to the fields and what
 * they typed in a sealed cookie (lib/comments/flash.ts). Nothing is written: a refusal costs no storage.
 */
function formFailureAnswer(request: Request, article: string, raw: Record<string, unknown>, error: AppError): Response {
  if (!getPublishedArticle(article)) return errorResponse(error);
  // Flooding is answered with a notice to wait, not a re-filled form: a flooder gets nothing back to resend.
  if (error.code === 'rate_limited') {
    return seeOther(`/articles/${article}/respond?e=rate_limited#respond`, { 'Retry-After': String(error.retryAfter ?? 15) });
  }
  const id = newFormFailureId();
  const headers: Record<string, string> = { 'Set-Cookie': formFailureCookie(article, id, formFailure(raw, error), isHttps(request)) };
  if (error.retryAfter !== undefined) headers['Retry-After'] = String(error.retryAfter);
  return seeOther(`/articles/${article}/respond?f=${id}#respond`, headers);
}

const isHttps = (request: Request) => new URL(request.url).protocol === 'https:';
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
