import type { Generated, Insertable, Selectable } from 'kysely';

/** Tables as Kysely sees them. Timestamps are ISO 8601 UTC strings (sortable as text on every engine). */
export interface Database {
  comments: CommentsTable;
  comment_flash: CommentFlashTable;
  editors: EditorsTable;
  auth_throttle: AuthThrottleTable;
  setup_tokens: SetupTokensTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
  commenter_holds: CommenterHoldsTable;
}

/** A commenter (by email address) whose every comment is held for moderation, set by an editor. */
export interface CommenterHoldsTable {
  email: string;
  /** Who set the hold: an editor's email, or "cli". */
  actor: string;
  created_at: string;
}

/** An Idempotency-Key a comment was stored under, and the answer it got: a retry with the key gets that answer again. */
export interface IdempotencyKeysTable {
  key: string;
  /** Hash of the request the key was first used with: the same key with another request is refused. */
  fingerprint: string;
  comment_id: string;
  article: string;
  /** The status the first answer reported (spam is answered as pending). */
  result: 'pending' | 'approved';
  created_at: string;
}

export interface EditorsTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
  updated_at: string;
  /** When the account's sessions were last ended (ISO; whole seconds before migration 005, milliseconds since). */
  sessions_valid_after: string | null;
  /** Bumped whenever the account's sessions are ended; a session stands only in the generation it was issued in. */
  session_generation: number;
}

/** Sign-in failure counters, per account ("account:<email>") and per client ("ip:<hash>"). */
export interface AuthThrottleTable {
  key: string;
  failures: number;
  window_start: string;
  locked_until: string | null;
  locks: number;
}

export interface SetupTokensTable {
  token_hash: string;
  expires_at: string;
  used_at: string | null;
}

/** One line per moderation action: who did what to which comment, and the status before and after. */
export interface AuditLogTable {
  id: string;
  at: string;
  actor: string;
  action: string;
  comment_id: string | null;
  article: string | null;
  from_status: string | null;
  to_status: string | null;
  detail: string | null;
}

export interface CommentsTable {
  id: string;
  article: string;
  parent_id: string | null;
  depth: number;
  author_name: string;
  author_email: string;
  author_url: string | null;
  body: string;
  status: 'pending' | 'approved' | 'spam' | 'trash';
  reason: string | null;
  is_editor: Generated<number>;
  ip_hash: string | null;
  ip_prefix: string | null;
  user_agent: string | null;
  /** Hash of article + author + normalised text: a second identical comment is a duplicate. */
  content_hash: string;
  /** Hash of the returning-commenter key the comment was posted with (lib/comments/returning-commenter.ts), or null. */
  commenter_hash: string | null;
  created_at: string;
  updated_at: string;
}

/** What a reader typed into a form that failed without JavaScript, kept briefly to show it back. */
export interface CommentFlashTable {
  id: string;
  key_hash: string;
  article: string;
  payload: string;
  created_at: string;
}

export type CommentRow = Selectable<CommentsTable>;
export type EditorRow = Selectable<EditorsTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type IdempotencyRow = Selectable<IdempotencyKeysTable>;
export type NewCommentRow = Insertable<CommentsTable>;
export type CommenterHoldRow = Selectable<CommenterHoldsTable>;
