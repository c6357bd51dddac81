import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMeasured } from './process-tree';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'es-process-tree-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// A parent holding ~200 MB that forks a child which holds ~100 MB of its own: the tree holds ~300 MB.
const script = `
const hold = (mb) => { const b = Buffer.alloc(mb * 1024 * 1024); for (let i = 0; i < b.length; i += 4096) b[i] = 1; return b; };
const mine = hold(200);
if (process.argv[1] === 'child') { hold(100); setTimeout(() => {}, 1500); }
else { require('node:child_process').spawn(process.execPath, ['-e', require('node:fs').readFileSync(${JSON.stringify(path.join(tmp, 'hold.js'))}, 'utf8'), 'child'], { stdio: 'inherit' }).on('exit', () => { mine[0] = 2; }); }
`;

describe.runIf(fs.existsSync('/proc/self/smaps_rollup'))('runMeasured', () => {
  it('reports the memory a process tree holds, by PSS and by RSS, and its CPU time', { timeout: 30_000 }, async () => {
    fs.writeFileSync(path.join(tmp, 'hold.js'), script);
    const run = await runMeasured(process.execPath, [path.join(tmp, 'hold.js')], { cwd: tmp, env: process.env, logFile: path.join(tmp, 'log'), timeoutMs: 20_000, sampleMs: 100 });
    expect(run.code).toBe(0);
    const mib = (bytes: number | null) => (bytes ?? 0) / 1024 / 1024;
    // Parent 200 + child 300 (its own 200 and 100 more) while both run.
    expect(mib(run.peakTreePssBytes)).toBeGreaterThan(400);
    expect(mib(run.peakTreePssBytes)).toBeLessThan(700);
    expect(mib(run.peakTreeRssBytes)).toBeGreaterThanOrEqual(mib(run.peakTreePssBytes) - 50);
    expect(mib(run.peakSingleRssBytes)).toBeGreaterThan(250);
    expect(run.cpuSeconds).toBeGreaterThan(0);
  });
});
