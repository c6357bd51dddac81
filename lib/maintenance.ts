import { forgetOldIps } from './comments/service';

const HOUR_MS = 3_600_000;

/** Housekeeping for a long-running server: forget commenters' IP data past retention, now and every hour. */
export function startMaintenance(): void {
  const run = () =>
    forgetOldIps().catch((error: unknown) => console.warn(`[eurasian-star] IP retention purge failed: ${(error as Error).message}`));
  void run();
  setInterval(run, HOUR_MS).unref();
}
