/**
 * Runs once when the server starts: make sure the secret exists, announce the first-editor setup
 * link on a fresh install, start the hourly housekeeping and load the search index.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const [{ announceFirstEditorSetup }, { startMaintenance }] = await Promise.all([import('./lib/auth/setup'), import('./lib/maintenance')]);
  await announceFirstEditorSetup();
  startMaintenance();
  // Load the search index now rather than on the first search; a failure here is retried by that search.
  setTimeout(() => {
    Promise.all([import('./lib/search/server'), import('./lib/log')])
      .then(([{ getSearchIndex }, { log }]) => {
        const started = performance.now();
        getSearchIndex();
        log.info('search index loaded', { ms: Math.round(performance.now() - started) });
      })
      .catch((error: unknown) => console.error('search index could not be loaded at start; the first search will try again', error));
  }, 0);
}
