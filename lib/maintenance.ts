import { forgetOldIps } from './comments/service';
import { log } from './log';

const HOUR_MS = 3_600_000;

/** Housekeeping for a long-running server: forget commenters' IP data past retention, now and every hour. */
export function startMaintenance(): void {
  const run = () =>
    forgetOldIps().catch((error: unknown) => log.warn('IP retention purge failed', { error }));
  void run();
  setInterval(run, HOUR_MS).unref();
}
