import { forgetExpiredIdempotencyKeys } from './comments/idempotency';
import { forgetOldIps } from './comments/service';

const HOUR_MS = 3_600_000;

/**
 * Housekeeping for a long-running server, now and every hour: forget commenters' IP data past
 * retention, and Idempotency-Keys past their 24 hours.
 */
export function startMaintenance(): void {
  const run = () => {
    forgetOldIps().catch((error: unknown) => console.warn(`[eurasian-star] IP retention purge failed: ${(error as Error).message}`));
    forgetExpiredIdempotencyKeys().catch((error: unknown) =>
      console.warn(`[eurasian-star] Idempotency-Key purge failed: ${(error as Error).message}`),
    );
  };
  run();
  setInterval(run, HOUR_MS).unref();
}
