export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'trash'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** A comment as anyone may see it: no email, IP address or user agent. */
export interface PublicComment {
  id: string;
  parentId: string | null;
  name: string;
  url: string | null;
  body: string;
  createdAt: string;
  editorReply: boolean;
}

/** A public comment with its approved replies, as shown under an article. */
export interface CommentNode extends PublicComment {
  depth: number;
  replies: CommentNode[];
}
