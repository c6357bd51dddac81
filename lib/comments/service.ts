import { createHash, randomBytes } from 'node:crypto';
import { type Article, getPublishedArticle } from '../content';
import { AppError } from '../errors';
import { type ModerationConfig, moderationConfig } from './config';
import { floodLimiter } from './flood';
import { idempotencyValidSince, requestFingerprint } from './idempotency';
import { type CommentInput, HONEYPOT_FIELD, parseCommentInput } from './input';
import { hashIp, truncateIp } from '../http/client-address';
import { judgeComment } from './policy';
import { duplicateForm } from './text-match';
import { commenterHash, newCommenterKey } from './returning-commenter';
import { getCommentStore } from './store';
import type { CommentRow, IdempotencyRow } from './store/types';
import { readFormToken } from './token';
import { buildCommentTree } from './tree';
import type { CommentNode, PublicComment } from './types';
import { log } from '../log';

export interface SubmitContext {
  /** The client's address as far as it can be trusted, or null when unknown. */
  ip: string | null;
  userAgent: string | null;
  now?: Date;
  config?: ModerationConfig;
  /** The request's Idempotency-Key (already validated), or null. */
  idempotencyKey?: string | null;
  /** The key in the visitor's genuine returning-commenter cookie (signature checked), or null. */
  commenterKey?: string | null;
}

export interface Submitted {
  id: string;
  /** Spam is answered as pending: a bot learns nothing. */
  status: 'pending' | 'approved';
  /** The article's slug. */
  article: string;
  /** True when this is the stored answer to an earlier request with the same Idempotency-Key. */
  replayed: boolean;
  /** The returning-commenter key the comment was stored with (the visitor's, or a new one): set it in their cookie. Null on a replay without one. */
  commenterKey: string | null;
}

/** A new comment id: 12 URL-safe characters. */
export const newCommentId = () => randomBytes(9).toString('base64url');

/**
 * Hash identifying "the same comment": same article, same author, same words as a reader sees them —
 * name and text compared in their duplicate form (case, width, invisible characters, whitespace and
 * look-alike letters folded: lib/comments/text-match.ts), so a zero-width space or a Cyrillic "о"
 * does not make a copy new.
 */
export function contentHash(article: string, name: string, email: string, body: string): string {
  return createHash('sha256').update([article, duplicateForm(name), email, duplicateForm(body)].join('\u0000')).digest('base64url');
}

/**
 * The hash releases before the normalised duplicate form stored (lower case, whitespace collapsed): comments stored
 * then keep it, so a new comment is also checked against it, and resending a comment posted before the upgrade is
 * still a duplicate.
 */
export function legacyContentHash(article: string, name: string, email: string, body: string): string {
  const words = body.toLowerCase().replace(/\s+/g, ' ');
  return createHash('sha256').update([article, name.toLowerCase(), email, words].join('\u0000')).digest('base64url');
}

/** Whether readers may comment on an article today. */
export function commentsOpen(article: Article, now: Date, config: ModerationConfig): boolean {
  if (!article.commentsOpen) return false;
  if (config.closeAfterDays > 0 && now.getTime() - Date.parse(article.date) > config.closeAfterDays * 86_400_000) return false;
  return true;
}

/** The article a submission is for, refusing unknown, draft, scheduled and closed ones. */
export function articleForComment(slug: string, now: Date, config: ModerationConfig): Article {
  const article = getPublishedArticle(slug);
  if (!article) throw new AppError('article_not_found', { fields: { article: 'There is no published article with that address.' } });
  if (!commentsOpen(article, now, config)) throw new AppError('comments_closed');
  return article;
}

/**
 * Takes a reader's comment: validate (400) → a known Idempotency-Key answers as it did the first time
 * (or 422 for another request) → article (404) → open (403) → parent (400) → judge → store with the
 * key, duplicate (409) and flood (429) checks in one transaction. Nothing is written on refusal, and
 * only a stored comment counts towards the flood limit (lib/comments/flood.ts).
 */
export async function submitComment(raw: unknown, ctx: SubmitContext): Promise<Submitted> {
  const input = parseCommentInput(raw);
  const now = ctx.now ?? new Date();
  const config = ctx.config ?? moderationConfig();
  const claim = ctx.idempotencyKey
    ? { key: ctx.idempotencyKey, fingerprint: requestFingerprint(input), validSince: idempotencyValidSince(now) }
    : null;
  const givenKey = ctx.commenterKey ?? null;
  if (claim) {
    // A retry is answered from the record, whatever has changed since (the article closed, the IP's flood window).
    const known = await (await getCommentStore()).getIdempotencyRecord(claim.key, claim.validSince);
    if (known) return replayOrRefuse(known, claim.fingerprint, givenKey);
  }
  const article = articleForComment(input.article, now, config);
  const store = await getCommentStore();
  const { parentId, depth } = await resolveParent(input, article, config);
  const commenterKey = givenKey ?? newCommenterKey();
  const hashOfKey = commenterHash(commenterKey);

  const verdict = judgeComment(
    {
      name: input.name,
      email: input.email,
      url: input.url,
      body: input.body,
      honeypot: input[HONEYPOT_FIELD],
      tokenIssuedAt: readFormToken(input.token),
      now: now.getTime(),
      // A key minted just now has no comments: only a key the visitor brought can carry a record.
      standing: await store.commenterStanding({
        commenterHash: givenKey ? hashOfKey : null,
        email: input.email,
        rejectedSince: new Date(now.getTime() - config.rejectedWindowDays * 86_400_000).toISOString(),
      }),
    },
    config,
  );

  const id = newCommentId();
  const nowIso = now.toISOString();
  const answered = verdict.status === 'approved' ? 'approved' : 'pending';
  const ipHash = ctx.ip ? hashIp(ctx.ip) : null;
  const result = await store.insert(
    {
      id,
      article: article.slug,
      parent_id: parentId,
      depth,
      author_name: input.name,
      author_email: input.email,
      author_url: input.url ?? null,
      body: input.body,
      status: verdict.status,
      reason: verdict.reason,
      ip_hash: ipHash,
      ip_prefix: ctx.ip ? truncateIp(ctx.ip) : null,
      user_agent: ctx.userAgent?.slice(0, 300) ?? null,
      content_hash: contentHash(article.slug, input.name, input.email, input.body),
      commenter_hash: hashOfKey,
      created_at: nowIso,
      updated_at: nowIso,
    },
    ipHash ? floodLimiter().ruleFor(ipHash, now, config) : null,
    nowIso,
    claim ? { ...claim, result: answered } : null,
    [legacyContentHash(article.slug, input.name, input.email, input.body)],
  );
  if (!result.ok && (result.reason === 'replay' || result.reason === 'key_reused')) {
    return replayOrRefuse(result.reason === 'replay' ? result.record : undefined, claim?.fingerprint, givenKey);
  }
  if (!result.ok && result.reason === 'duplicate') throw new AppError('duplicate');
  if (!result.ok) throw new AppError('rate_limited', { retryAfter: result.retryAfterSeconds });
  // Housekeeping must never turn a stored comment into an error answer (the retry would be a 409).
  void forgetOldIps(now, config).catch((error: unknown) => log.warn('IP retention purge failed', { error }));
  return { id, status: answered, article: article.slug, replayed: false, commenterKey };
}

/** The first answer again for the same request under a stored key; 422 for another request under it. */
function replayOrRefuse(record: IdempotencyRow | undefined, fingerprint: string | undefined, commenterKey: string | null): Submitted {
  if (!record || record.fingerprint !== fingerprint) throw new AppError('idempotency_key_reused');
  return { id: record.comment_id, status: record.result, article: record.article, replayed: true, commenterKey };
}

/** A reply's parent must be an approved comment on the same article; replies deeper than the limit join the deepest level. */
async function resolveParent(input: CommentInput, article: Article, config: ModerationConfig): Promise<{ parentId: string | null; depth: number }> {
  if (!input.parentId) return { parentId: null, depth: 1 };
  const store = await getCommentStore();
  const parent = await store.get(input.parentId);
  if (!parent || parent.article !== article.slug || parent.status !== 'approved') {
    throw new AppError('invalid_input', { fields: { parentId: 'The comment you are replying to does not exist or is not published.' } });
  }
  if (parent.depth < config.maxDepth) return { parentId: parent.id, depth: parent.depth + 1 };
  return { parentId: parent.parent_id, depth: parent.depth };
}

let lastIpPurge = 0;

/** Forgets IP data past its retention (30 days), at most once an hour per process. */
export async function forgetOldIps(now: Date = new Date(), config: ModerationConfig = moderationConfig()): Promise<void> {
  if (now.getTime() - lastIpPurge < 3_600_000) return;
  lastIpPurge = now.getTime();
  const store = await getCommentStore();
  await store.forgetIpsBefore(new Date(now.getTime() - config.ipRetentionDays * 86_400_000).toISOString());
}

/** The fields of a comment anyone may see. */
export function toPublicComment(row: CommentRow): PublicComment {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.author_name,
    url: row.author_url,
    body: row.body,
    createdAt: row.created_at,
    editorReply: Number(row.is_editor) === 1,
  };
}

/** Approved comments of a published article, public fields only. */
export async function listApprovedComments(slug: string): Promise<PublicComment[]> {
  const store = await getCommentStore();
  return (await store.listForArticle(slug, 'approved')).map(toPublicComment);
}

/** Approved comments of a published article as a tree; 404 for anything not public. */
export async function getCommentThread(slug: string): Promise<{ count: number; comments: CommentNode[] }> {
  if (!getPublishedArticle(slug)) throw new AppError('article_not_found');
  const comments = await listApprovedComments(slug);
  return { count: comments.length, comments: buildCommentTree(comments) };
}
