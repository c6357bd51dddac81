import { AsyncLocalStorage } from 'node:async_hooks';
import { isUnavailable } from '../http/errors';

/**
 * next-auth runs the jwt callback and the signOut event inside its own try/catch and treats anything they
 * throw as "no session" (and deletes the cookie) or as a sign-out that worked. A database that is briefly
 * unreachable must do neither: editors would be signed out by an outage, and a sign-out would seem done
 * while their other sessions live on. So the callbacks note the outage here, and the caller that ran
 * next-auth (currentEditor, the auth route) throws it after next-auth returns: the usual 503.
 */
const scopes = new AsyncLocalStorage<{ outage?: unknown }>();

/** Runs next-auth work; if a session check inside it could not reach the store, throws that error instead of the result. */
export async function withSessionOutages<T>(work: () => Promise<T>): Promise<T> {
  const scope: { outage?: unknown } = {};
  const result = await scopes.run(scope, work);
  if (scope.outage !== undefined) throw scope.outage;
  return result;
}

/** Calls the store for a session check, noting an outage for withSessionOutages before rethrowing. */
export async function sessionStoreCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const scope = scopes.getStore();
    if (scope && isUnavailable(error)) scope.outage ??= error;
    throw error;
  }
}
