/**
 * Runs once when the server starts: make sure the secret exists, announce the first-editor setup
 * link on a fresh install, start the hourly housekeeping and the publication clock, listen for other
 * servers' publishes, and load the search index.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const [{ announceFirstEditorSetup }, { startMaintenance }] = await Promise.all([import('./lib/auth/setup'), import('./lib/maintenance')]);
  await announceFirstEditorSetup();
  startMaintenance();
  // Scheduled stories go live by themselves; with several servers, a publish on one reaches the others.
  const [{ startPublicationClock }, { listenForPublishes }, { ownOrigin, requestPublish }] = await Promise.all([
    import('./lib/publish/clock'),
    import('./lib/publish/broadcast'),
    import('./lib/publish/trigger'),
  ]);
  // The content as the server starts (as the build saw it, in a normal deploy): the next publish is compared with it.
  const [{ loadRedirects }, { env }, path] = await Promise.all([import('./lib/server/redirects.mjs'), import('./lib/env'), import('node:path')]);
  loadRedirects(path.join(env().contentDir, 'redirects.json'));
  try {
    (await import('./lib/content/reload')).loadContentAtStart();
    (await import('./lib/content')).getLibrary();
  } catch (error) {
    console.error('content: the content folder has problems; pages answer from the build until a publish succeeds', error);
  }
  startPublicationClock();
  listenForPublishes(() => void requestPublish(ownOrigin(), 'peer')).catch((error: unknown) =>
    console.error('publish announcements: could not listen on Redis; this server publishes only when told directly or by its clock', error),
  );
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
