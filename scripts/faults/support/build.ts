/**
 * vitest globalSetup for `npm run test:faults`: the scenarios run the production build in .next.
 * It is reused when it is newer than every source file (as after `npm test`), and rebuilt otherwise.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './server';

const SOURCES = ['app', 'lib', 'content', 'public', 'server.mjs', 'next.config.js', 'instrumentation.ts', 'package-lock.json'];

function newestSource(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(entry) ? 0 : stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestSource(path.join(entry, name))));
}

export default function setup(): void {
  const buildId = path.join(ROOT, '.next', 'BUILD_ID');
  const built = fs.statSync(buildId, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const newest = Math.max(...SOURCES.map((s) => newestSource(path.join(ROOT, s))));
  if (built > newest && !process.env.FAULTS_REBUILD) {
    console.log('[faults] reusing the production build in .next (newer than every source file)');
    return;
  }
  console.log('[faults] building the site (npm run build)…');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-faults-build-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', env });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
