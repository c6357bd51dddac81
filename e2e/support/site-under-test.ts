/**
 * Where the end-to-end site lives: ports, addresses and data folders of the two servers playwright.config.ts starts,
 * and the environment its build runs with. scripts/test.ts builds with the same environment (beside vitest) before
 * Playwright starts, so both must read it from here.
 */
import os from 'node:os';
import path from 'node:path';

// E2E_PORT lets two runs (say, a fresh-CI clone and a working tree) test side by side.
export const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
// The site under test keeps its database and secret here, emptied before every run. Tests that
// act as an operator (approving a comment through the service) open the same files.
export const DATA_DIR = path.join(os.tmpdir(), `eurasian-star-e2e-${PORT}`);
// A second server from the same build (and the same SITE_URL, so its pages are the build's), with a data folder of
// its own, for the readers' specs that only read pages.
export const READER_PORT = PORT + 1;
export const READER_URL = `http://127.0.0.1:${READER_PORT}`;
export const READER_DATA_DIR = path.join(os.tmpdir(), `eurasian-star-e2e-${READER_PORT}`);

/** Set by scripts/test.ts once it has built the site with buildEnv(): the first server then only starts. */
export const PREBUILT_FLAG = 'E2E_PREBUILT';

/** The environment of the build and of the first server (the build prerenders pages with DATA_DIR's secret and database). */
export const siteEnv = (): Record<string, string> => ({
  NEXT_TELEMETRY_DISABLED: '1',
  SITE_URL: BASE_URL,
  DATA_DIR,
  PORT: String(PORT),
  HOST: '127.0.0.1',
  // Tests simulate many readers by sending X-Forwarded-For, as a reverse proxy would.
  TRUST_PROXY: '1',
});
