/**
 * Finds a Chromium binary for Playwright to launch.
 *
 * `npx playwright install` cannot download browsers on machines without access to Playwright's CDN,
 * so the tests drive a system Chromium through `launchOptions.executablePath`. In order:
 *   1. CHROMIUM_PATH or PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH (must exist if set);
 *   2. /usr/bin/chromium, then /usr/bin/chromium-browser;
 *   3. the browser Playwright downloaded itself, if there is one;
 *   4. on Debian/Ubuntu as root: `apt-get install -y chromium`, then /usr/bin/chromium;
 *   5. otherwise an error that says how to provide one.
 *
 * The config is evaluated by the main process and by every worker; once step 4 has installed
 * /usr/bin/chromium, step 2 finds it, so the installation runs at most once.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import { chromium } from 'playwright';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function playwrightDownloadedChromium(): string | undefined {
  try {
    const file = chromium.executablePath();
    return file && isFile(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Absolute path of a Chromium executable; installs Debian's package as a last resort when allowed. */
export function findChromium(): string {
  for (const name of ['CHROMIUM_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH']) {
    const value = process.env[name];
    if (!value) continue;
    if (!isFile(value)) throw new Error(`${name} is set to "${value}", but no file exists there. Point it at a Chromium executable or unset it.`);
    return value;
  }

  const system = SYSTEM_PATHS.find(isFile);
  if (system) return system;

  const downloaded = playwrightDownloadedChromium();
  if (downloaded) return downloaded;

  const isDebian = fs.existsSync('/etc/debian_version');
  const isRoot = process.getuid?.() === 0;
  if (isDebian && isRoot) {
    console.log('[e2e] No Chromium found: installing Debian\'s "chromium" package (apt-get update && apt-get install -y chromium)…');
    execSync('apt-get update && apt-get install -y chromium', {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (isFile('/usr/bin/chromium')) return '/usr/bin/chromium';
    throw new Error('apt-get install -y chromium finished, but /usr/bin/chromium does not exist.');
  }

  throw new Error(
    [
      'No Chromium browser found for the end-to-end tests. Provide one of:',
      '  - CHROMIUM_PATH=/path/to/chromium (or PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH) in the environment;',
      '  - a system package: `sudo apt-get install chromium` (Debian/Ubuntu; gives /usr/bin/chromium);',
      "  - Playwright's own browser: `npx playwright install chromium` (needs access to Playwright's download CDN).",
    ].join('\n'),
  );
}
