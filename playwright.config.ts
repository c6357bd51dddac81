import { defineConfig, devices } from '@playwright/test';
import { findChromium } from './e2e/support/chromium';

const PORT = 3100;
const BASE_URL = `http://127.0.0.1:${PORT}`;

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
    command: `npm run build && npx next start -p ${PORT} -H 127.0.0.1`,
    url: BASE_URL,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { NEXT_TELEMETRY_DISABLED: '1', SITE_URL: BASE_URL },
  },
});
