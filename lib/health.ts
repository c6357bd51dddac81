import 'server-only';
import { sql } from 'kysely';
import { type DatabaseHandle, getDatabase } from './db';
import { isUnavailable } from './http/errors';
import { log } from './log';

/** How long the store has to answer before the site reports itself unavailable. */
export const HEALTH_TIMEOUT_MS = 3000;

export type Health =
  | { ok: true; store: DatabaseHandle['engine']; latencyMs: number }
  | { ok: false; reason: 'unavailable' | 'timeout' | 'error' };

/**
 * Asks the store a real question (read one row of the comments table, which needs the schema in
 * place) within HEALTH_TIMEOUT_MS. Never throws; the reason is for the log, not for the client.
 */
export async function checkHealth(open: () => Promise<DatabaseHandle> = getDatabase, timeoutMs = HEALTH_TIMEOUT_MS): Promise<Health> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    const probe = (async () => {
      const handle = await open();
      await sql`select id from comments limit 1`.execute(handle.db);
      return handle.engine;
    })();
    probe.catch(() => undefined); // a probe that loses the race must not become an unhandled rejection
    const result = await Promise.race([probe, timeout]);
    if (result === 'timeout') {
      log.warn('health check: the store did not answer in time', { timeoutMs });
      return { ok: false, reason: 'timeout' };
    }
    return { ok: true, store: result, latencyMs: Math.round((performance.now() - started) * 100) / 100 };
  } catch (error) {
    const reason = isUnavailable(error) ? 'unavailable' : 'error';
    log.warn('health check: the store is not usable', { reason, error });
    return { ok: false, reason };
  } finally {
    clearTimeout(timer);
  }
}
