import 'server-only';
import { getServerSession } from 'next-auth';
import { AppError } from '../errors';
import { authOptions } from './options';
import { canModerate, type SessionUser } from './permissions';
import { withSessionOutages } from './session-outage';

/**
 * The signed-in editor, or null. next-auth's jwt callback (session-token.ts) has already checked the token
 * against the account — it exists, the session was not ended since, the sign-in is under EDITOR_SESSION_HOURS
 * old — so a removed or signed-out editor loses access at once, on every instance. A store outage throws (503).
 */
export async function currentEditor(): Promise<SessionUser | null> {
  const session = await withSessionOutages(() => getServerSession(authOptions()));
  const user = session?.user as Partial<SessionUser> | undefined;
  if (!user?.id || user.role !== 'editor' || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? '', role: 'editor' };
}

/** For route handlers: the editor, or a 401. */
export async function requireEditor(): Promise<SessionUser> {
  const editor = await currentEditor();
  if (!canModerate(editor)) throw new AppError('unauthorized');
  return editor;
}
