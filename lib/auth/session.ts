import 'server-only';
import { getServerSession } from 'next-auth';
import { env } from '../env';
import { AppError } from '../errors';
import { getEditor } from './editors';
import { authOptions } from './options';
import { canModerate, type SessionUser } from './permissions';

/**
 * The signed-in editor, or null. The account must still exist and the sign-in must be newer than
 * its last sign-out or password change: a removed or signed-out editor loses access at once.
 */
export async function currentEditor(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user as (Partial<SessionUser> & { issuedAt?: number }) | undefined;
  if (!user?.id || user.role !== 'editor' || typeof user.issuedAt !== 'number') return null;
  // A session lasts EDITOR_SESSION_HOURS from sign-in, however often the cookie is refreshed.
  if ((user.issuedAt + env().EDITOR_SESSION_HOURS * 3600) * 1000 < Date.now()) return null;
  const editor = await getEditor(user.id);
  if (!editor || user.issuedAt * 1000 < editor.sessionsValidAfter) return null;
  return { id: editor.id, email: editor.email, name: editor.name, role: 'editor' };
}

/** For route handlers: the editor, or a 401. */
export async function requireEditor(): Promise<SessionUser> {
  const editor = await currentEditor();
  if (!canModerate(editor)) throw new AppError('unauthorized');
  return editor;
}
