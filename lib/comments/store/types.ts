import type { Engine } from '../../db/connect';
import type { AuditRow, CommenterHoldRow, CommentRow, IdempotencyRow, NewCommentRow } from '../../db/schema';
import type { CommentStatus } from '../types';

export type { AuditRow, CommenterHoldRow, CommentRow, IdempotencyRow, NewCommentRow };

/** Whose record to read: the returning-commenter key's hash (null: no proof) and the email address given with the comment. */
export interface StandingQuery {
  commenterHash: string | null;
  email: string;
  /** ISO time: rejected comments created at or after this count as recent. */
  rejectedSince: string;
}

/** A commenter's record, as the trust rules read it (lib/comments/policy.ts). */
export interface CommenterStanding {
  /** Approved comments posted with this key under this email; 0 without a key. */
  approved: number;
  /** Comments posted with this key, under any email, marked spam or trashed, created since `rejectedSince`; 0 without a key. */
  rejected: number;
  /** Whether an editor set "always hold" on this email address. */
  alwaysHold: boolean;
}

/** The Idempotency-Key a comment is posted under: stored with the comment, in its transaction. */
export interface IdempotencyClaim {
  key: string;
  /** Hash of the request; the same key with another fingerprint is refused. */
  fingerprint: string;
  /** The status the answer reports for this comment. */
  result: 'pending' | 'approved';
  /** ISO time: a key stored before this has expired and may be used afresh. */
  validSince: string;
}

/** The flood limit counted from the stored comments, inside the write transaction, so concurrent posts cannot slip past it. */
export interface StoredFloodRule {
  ipHash: string;
  /** ISO time: a comment from the same IP after this is too soon. */
  intervalSince: string;
  /** ISO time: the start of the counting window. */
  windowSince: string;
  maxInWindow: number;
}

/** What an outside counter answers for one post: a refusal, or a point taken that must be given back if the post is not stored. */
export type FloodTake = { ok: true; giveBack(): Promise<void> } | { ok: false; retryAfterSeconds: number };

/** The flood limit kept by an outside counter (Redis, lib/comments/flood-redis.ts), asked inside the write transaction. */
export interface CountedFloodRule {
  ipHash: string;
  take(): Promise<FloodTake>;
}

/** How `insert` checks a flood; see lib/comments/flood.ts for which one a process uses. */
export type FloodRule = StoredFloodRule | CountedFloodRule;

export type InsertResult =
  | { ok: true }
  | { ok: false; reason: 'duplicate' }
  | { ok: false; reason: 'flood'; retryAfterSeconds: number }
  /** The key was already used with this request: here is what was stored then. */
  | { ok: false; reason: 'replay'; record: IdempotencyRow }
  /** The key was already used with another request. */
  | { ok: false; reason: 'key_reused' };

export interface ListQuery {
  status?: CommentStatus;
  article?: string;
  limit?: number;
  offset?: number;
}

/** A refused form kept in the database before refusals moved to the reader's cookie (lib/comments/flash.ts). */
export interface FlashRow {
  id: string;
  key_hash: string;
  article: string;
  payload: string;
  created_at: string;
}

/** Where comments live. Every engine passes the same contract tests (store.int.test.ts, run on SQLite and PostgreSQL). */
export interface CommentStore {
  /** Which database engine this store writes to. */
  readonly engine: Engine;
  /**
   * Stores a comment unless it is a duplicate or its IP is flooding; nothing is written on refusal.
   * The flood is checked last, after the key and duplicate checks; a counted rule's point is given back
   * whenever the comment ends up not stored.
   * With an idempotency claim, a key already stored answers with its record (same request) or a refusal
   * (another request), and a new key is stored with the comment in the same transaction.
   * A stored comment whose content_hash is the row's or one of `alsoDuplicateOf` (the hashes older releases
   * computed for the same text) makes the row a duplicate.
   */
  insert(row: NewCommentRow, flood: FloodRule | null, now: string, idempotency?: IdempotencyClaim | null, alsoDuplicateOf?: string[]): Promise<InsertResult>;
  /** The unexpired record of an Idempotency-Key, if one was stored. */
  getIdempotencyRecord(key: string, validSince: string): Promise<IdempotencyRow | undefined>;
  /** Deletes Idempotency-Key records stored before `before`; returns how many. */
  purgeIdempotencyKeys(before: string): Promise<number>;
  /** The comment with this id, whatever its status; undefined when there is none. */
  get(id: string): Promise<CommentRow | undefined>;
  /** Comments of one article with one status, oldest first (ties by id); empty when there are none. */
  listForArticle(article: string, status: CommentStatus): Promise<CommentRow[]>;
  /** Comments matching the query's status and article, newest first (ties by id), `limit` (default 50) from `offset`. */
  list(query: ListQuery): Promise<CommentRow[]>;
  /** How many comments have each status; a status with none counts 0. */
  countByStatus(): Promise<Record<CommentStatus, number>>;
  /** Approved comments per article slug; an article with none is absent. */
  countApprovedByArticle(): Promise<Record<string, number>>;
  /** The record the trust rules read for one commenter; a commenter with no comments has 0 and 0. */
  commenterStanding(query: StandingQuery): Promise<CommenterStanding>;
  /** Sets or lifts "always hold" on an email address; true when that changed anything. */
  setAlwaysHold(email: string, hold: boolean, actor: string, now: string): Promise<boolean>;
  /** Every email address held always, newest first (ties by email). */
  listAlwaysHeld(): Promise<CommenterHoldRow[]>;
  /** Changes a comment's status; returns the updated row, or undefined when there is no such comment. */
  setStatus(id: string, status: CommentStatus, now: string): Promise<CommentRow | undefined>;
  /** Replaces a comment's text (an editor's correction); returns the updated row, or undefined when there is no such comment. */
  updateBody(id: string, body: string, contentHash: string, now: string): Promise<CommentRow | undefined>;
  /** Deletes a comment for ever; true when there was one. */
  deleteForever(id: string): Promise<boolean>;
  /** Adds one entry (an editor action) to the audit log; the store offers no way to change or remove one. */
  appendAudit(entry: AuditRow): Promise<void>;
  /** The latest `limit` audit entries, newest first (ties by id). */
  listAudit(limit: number): Promise<AuditRow[]>;
  /** Blanks stored IP data older than `before`; returns how many rows changed. */
  forgetIpsBefore(before: string): Promise<number>;
  /** A row of the retired comment_flash table (nothing writes it any more), or undefined. */
  getFlash(id: string): Promise<FlashRow | undefined>;
  /** Deletes comment_flash rows created before `before`; returns how many. */
  purgeFlashes(before: string): Promise<number>;
  /** Closes the database connection; the store is unusable afterwards. */
  close(): Promise<void>;
}
