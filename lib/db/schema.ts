import type { Generated, Insertable, Selectable } from 'kysely';

/** Tables as Kysely sees them. Timestamps are ISO 8601 UTC strings (sortable as text on every engine). */
export interface Database {
  comments: CommentsTable;
  comment_flash: CommentFlashTable;
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
export type NewCommentRow = Insertable<CommentsTable>;
