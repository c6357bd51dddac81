/** Who may do what. Pure functions: the session is looked up elsewhere and passed in. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: 'editor';
}

/** Editors moderate comments. */
export const canModerate = (user: SessionUser | null | undefined): user is SessionUser => user?.role === 'editor';

/** Editors preview drafts and scheduled articles. */
export const canPreviewDrafts = (user: SessionUser | null | undefined): user is SessionUser => user?.role === 'editor';
