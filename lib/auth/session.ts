import 'server-only';
import { getServerSession } from 'next-auth';
import { AppError } from '../errors';
import { getEditor } from './editors';
import { authOptions } from './options';
import { canModerate, type SessionUser } from './permissions';

/** The signed-in editor, or null. The account must still exist: a removed editor loses access at once. */
export async function currentEditor(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user as Partial<SessionUser> | undefined;
  if (!user?.id || user.role !== 'editor') return null;
  const editor = await getEditor(user.id);
  return editor ? { id: editor.id, email: editor.email, name: editor.name, role: 'editor' } : null;
}

/** For route handlers: the editor, or a 401. */
export async function requireEditor(): Promise<SessionUser> {
  const editor = await currentEditor();
  if (!canModerate(editor)) throw new AppError('unauthorized');
  return editor;
}
