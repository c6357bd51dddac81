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
process.env.SITE_URL = BASE_URL;
process.env.SITE_ORIGIN = BASE_URL;

// Drop the device's `channel`: the browser is the executable the finder returns.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
const { channel, ...desktopChrome } = devices['Desktop Chrome'] as (typeof devices)[string] & { channel?: string };

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
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
  projects: [{ name: 'chromium', use: { ...desktopChrome } }],
  webServer: {
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
});
