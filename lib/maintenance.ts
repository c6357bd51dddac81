import 'server-only';
import { forgetExpiredFormFailures } from './comments/flash';
import { forgetExpiredIdempotencyKeys } from './comments/idempotency';
import { forgetOldIps } from './comments/service';
import { log } from './log';

const HOUR_MS = 3_600_000;

/**
 * Housekeeping for a long-running server, now and every hour: forget commenters' IP data past
 * retention, Idempotency-Keys past their 24 hours, and rows of the retired comment_flash table past their hour.
 */
export function startMaintenance(): void {
  const run = () => {
    forgetOldIps().catch((error: unknown) => log.warn('IP retention purge failed', { error }));
    forgetExpiredIdempotencyKeys().catch((error: unknown) => log.warn('Idempotency-Key purge failed', { error }));
    forgetExpiredFormFailures().catch((error: unknown) => log.warn('form failure purge failed', { error }));
  };
  run();
  setInterval(run, HOUR_MS).unref();
}
