import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './e2e/support/chromium';
import { BASE_URL, DATA_DIR, PREBUILT_FLAG, READER_DATA_DIR, READER_PORT, READER_URL, siteEnv } from './e2e/support/site-under-test';

/**
 * The second lane, run beside the first by a worker of its own: specs that read pages only (on the second server),
 * and specs that start a server of their own (lib/testing/server.ts). Every other spec shares the first server and
 * its database, one file at a time in file order (editors-1-setup must meet a site with no editor).
 */
const SECOND_LANE = [
  'a11y.spec.ts',
  'responsive.spec.ts',
  'not-found.spec.ts',
  'search.spec.ts',
  'no-js.spec.ts',
  'pages.spec.ts',
  'feeds.spec.ts',
  'pagination.spec.ts',
  'drafts.spec.ts',
  'publish.spec.ts',
  'operations.spec.ts',
  'hardening-request-line.spec.ts',
  'hardening-memory.spec.ts',
  'reader-runtime.spec.ts',
  'hardening-storage.spec.ts',
  'import-wordpress.spec.ts',
].map((file) => `**/${file}`);
// Tests that act as an operator open the first server's database and secret in this process.
process.env.DATA_DIR = DATA_DIR;
process.env.SITE_URL = BASE_URL;
process.env.SITE_ORIGIN = BASE_URL;

// Drop the device's `channel`: the browser is the executable the finder returns.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
const { channel, ...desktopChrome } = devices['Desktop Chrome'] as (typeof devices)[string] & { channel?: string };

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  // One worker per lane (projects below); each lane runs its files one after another.
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results',
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: findChromium(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { ...desktopChrome }, testIgnore: SECOND_LANE, workers: 1 },
    { name: 'chromium-2', use: { ...desktopChrome, baseURL: READER_URL }, testMatch: SECOND_LANE, workers: 1 },
  ],
  // Started in this order: the second server only once the first is up, from the build the first made.
  webServer: [
    {
      // Always a fresh production build, so the tests cover what ships. `npm test` (scripts/test.ts) makes it beside
      // vitest, with the same environment and an emptied data folder, and says so with E2E_PREBUILT=1.
      command: process.env[PREBUILT_FLAG] === '1' ? 'npm start' : `rm -rf ${DATA_DIR} && npm run build && npm start`,
      url: BASE_URL,
      reuseExistingServer: false,
      timeout: 300_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: siteEnv(),
    },
    {
      command: `rm -rf ${READER_DATA_DIR} && npm start`,
      url: READER_URL,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { ...siteEnv(), DATA_DIR: READER_DATA_DIR, PORT: String(READER_PORT) },
    },
  ],
});
