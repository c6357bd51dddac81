import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './e2e/support/chromium';

// E2E_PORT lets two runs (say, a fresh-CI clone and a working tree) test side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://127.0.0.1:${PORT}`;
// The site under test keeps its database and secret here, emptied before every run. Tests that
// act as an operator (approving a comment through the service) open the same files.
const DATA_DIR = path.join(os.tmpdir(), `eurasian-star-e2e-${PORT}`);
process.env.DATA_DIR = DATA_DIR;
// A second server from the same build (and the same SITE_URL, so its pages are the build's), with a data folder of
// its own, for the readers' specs that only read pages.
const READER_PORT = PORT + 1;
const READER_URL = `http://127.0.0.1:${READER_PORT}`;
const READER_DATA_DIR = path.join(os.tmpdir(), `eurasian-star-e2e-${READER_PORT}`);

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
  'hardening-storage.spec.ts',
  'import-wordpress.spec.ts',
].map((file) => `**/${file}`);
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
      // Always a fresh production build, so the tests cover what ships.
      command: `rm -rf ${DATA_DIR} && npm run build && npm start`,
      url: BASE_URL,
      reuseExistingServer: false,
      timeout: 300_000,
      stdout: 'pipe',
      stderr: 'pipe',
      // TRUST_PROXY=1: tests simulate many readers by sending X-Forwarded-For, as a reverse proxy would.
      env: { NEXT_TELEMETRY_DISABLED: '1', SITE_URL: BASE_URL, DATA_DIR, PORT: String(PORT), HOST: '127.0.0.1', TRUST_PROXY: '1' },
    },
    {
      command: `rm -rf ${READER_DATA_DIR} && npm start`,
      url: READER_URL,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { NEXT_TELEMETRY_DISABLED: '1', SITE_URL: BASE_URL, DATA_DIR: READER_DATA_DIR, PORT: String(READER_PORT), HOST: '127.0.0.1', TRUST_PROXY: '1' },
    },
  ],
});
