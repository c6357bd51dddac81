/**
 * Runs once when the server starts: make sure the secret exists, announce the first-editor setup
 * link on a fresh install, and start the hourly housekeeping.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const [{ announceFirstEditorSetup }, { startMaintenance }] = await Promise.all([import('./lib/auth/setup'), import('./lib/maintenance')]);
  await announceFirstEditorSetup();
  startMaintenance();
}
