/**
 * `npm test`: vitest (unit and integration tiers) and the production build for the end-to-end tests side by side — on
 * this 2-core machine neither keeps both cores busy alone — then Playwright against that build. The build's output is
 * kept in a file of the system's temporary folder and printed after vitest's, so the two do not interleave.
 *
 * Exit status: vitest's if it failed, else the build's, else Playwright's. Extra arguments go to Playwright.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATA_DIR, PORT, PREBUILT_FLAG, siteEnv } from '../e2e/support/site-under-test';

// Outside test-results/, which Playwright empties when it starts.
const BUILD_LOG = path.join(os.tmpdir(), `eurasian-star-e2e-build-${PORT}.log`);

function exitCode(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

async function main(): Promise<number> {
  const started = performance.now();
  mkdirSync(path.dirname(BUILD_LOG), { recursive: true });
  // As playwright.config.ts's own build command does: the site under test starts from an empty data folder.
  rmSync(DATA_DIR, { recursive: true, force: true });
  const log = createWriteStream(BUILD_LOG);
  const build = spawn('npm', ['run', 'build'], { env: { ...process.env, ...siteEnv() }, stdio: ['ignore', 'pipe', 'pipe'] });
  build.stdout?.pipe(log, { end: false });
  build.stderr?.pipe(log, { end: false });
  let buildTime = '';
  const built = exitCode(build).then((code) => {
    buildTime = seconds(started);
    return code;
  });

  const vitest = await exitCode(spawn('npx', ['vitest', 'run'], { stdio: 'inherit' }));
  const vitestTime = seconds(started);
  if (vitest !== 0) {
    build.kill('SIGTERM');
    await built;
    console.error(`\nnpm test: vitest failed (exit ${vitest}) after ${vitestTime}; the end-to-end tests were not run.`);
    return vitest;
  }
  const buildCode = await built;
  await new Promise<void>((resolve) => log.end(resolve));
  console.log(`\n== the end-to-end build (${BUILD_LOG}), beside vitest\n`);
  process.stdout.write(readFileSync(BUILD_LOG, 'utf8'));
  console.log(`\nnpm test: vitest done after ${vitestTime}, the build after ${buildTime}`);
  if (buildCode !== 0) {
    console.error(`npm test: the build failed (exit ${buildCode}); the end-to-end tests were not run.`);
    return buildCode;
  }
  const e2e = await exitCode(
    spawn('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, [PREBUILT_FLAG]: '1' } }),
  );
  console.log(`\nnpm test: ${e2e === 0 ? 'passed' : `Playwright failed (exit ${e2e})`} after ${seconds(started)} in all`);
  return e2e;
}

void main().then((code) => {
  process.exitCode = code;
});
