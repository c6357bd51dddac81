/** Runs once when the server starts: make sure the secret exists and, on a fresh install, announce the first-editor setup link. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { announceFirstEditorSetup } = await import('./lib/auth/setup');
  await announceFirstEditorSetup();
}
