/**
 * The SQLite file misbehaving under a running server: locked by another process for longer than the
 * busy timeout, made read-only, out of space. Comment posts must get 503 with Retry-After and the
 * error shape and write nothing, while the article page, the feed and the social card keep serving
 * 200 at the same time; once the fault ends, the same posts (same keys) succeed.
 *
 * Read-only and out-of-space need root: the data folder is a small ext4 file system (a loop-mounted
 * 32 MB image) made for this run. Root ignores file modes, so read-only is `chattr +i` (immutable:
 * ext4 refuses even root's writes through an already-open descriptor, EPERM; tmpfs does not, and a
 * file system with a file open for writing cannot be remounted read-only); out of space is that
 * file system filled to its last block (ENOSPC).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectUnavailable, fetchAll, formToken, newMarker, type Payload, payloads, post, publicPaths } from './support/comments';
import { type Answer, report, type RunningServer, sleep, startServer, tally } from './support/server';

const isRoot = process.getuid?.() === 0;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-faults-disk-'));
const image = `${dataDir}.img`;
const dbFile = path.join(dataDir, 'eurasian-star.db');
/** The busy timeout (lib/db/connect.ts) is 5 s: the lock is held well past it. */
const LOCK_HOLD_MS = 10_000;
const POSTS = 4;

let server: RunningServer;
let paths: string[];
let token: string;
let mounted = false;
let nextIp = 0;
/** Whether the fault under test is still in effect (a lock ends on its own timer). */
const fault = { active: false };

const run = (command: string, ...args: string[]) => execFileSync(command, args, { stdio: 'pipe' }).toString();
const storedWith = (marker: string) => {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare('select count(*) as n from comments where body like ?').get(`%${marker}%`) as { n: number }).n;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  if (isRoot) {
    run('truncate', '-s', '32M', image);
    run('mkfs.ext4', '-q', '-m', '0', image);
    run('mount', '-o', 'loop', image, dataDir);
    mounted = true;
    fs.chmodSync(dataDir, 0o700);
  }
  server = await startServer({ DATA_DIR: dataDir });
  paths = await publicPaths(server.base);
  token = await formToken(server.base);
});

afterAll(async () => {
  for (const file of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) if (fs.existsSync(file)) execFileSync('chattr', ['-i', file]);
  fs.rmSync(path.join(dataDir, 'filler'), { force: true });
  if (server) {
    const { code } = await server.stop('SIGTERM');
    expect(code).toBe(0);
    const db = new Database(dbFile, { readonly: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    db.close();
    report('SQLite storage faults', `server stopped; integrity_check=${String(integrity)}`);
    expect(integrity).toBe('ok');
  }
  if (mounted) run('umount', dataDir);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(image, { force: true });
});

/**
 * Runs `fault` (which resolves when the fault is over), posting POSTS comments and fetching the public
 * pages while it lasts; checks the posts' 503s and the pages' 200s, that nothing was written, and that
 * the same posts (same keys) are stored once it is over.
 */
async function duringFault(scenario: string, start: () => Promise<void> | void, end: () => Promise<void> | void): Promise<void> {
  const marker = newMarker();
  const batch: Payload[] = payloads(POSTS, token, marker, (nextIp += POSTS));
  const logFrom = server.log().length;
  fault.active = true;
  await start();
  const pagesDuring = (async () => {
    await sleep(500);
    const answers = await fetchAll(server.base, [...paths, ...paths]);
    return { answers, beforeFaultEnded: fault.active };
  })();
  const posts = await Promise.all(batch.map((p) => post(server.base, p)));
  const pages = await pagesDuring;
  const stored = storedWith(marker);
  await end();
  fault.active = false;
  report(scenario, `${POSTS} POSTs during the fault: ${JSON.stringify(tally(posts))}; ${pages.answers.length} GETs of ${paths.join(', ')}: ${JSON.stringify(tally(pages.answers))}${pages.beforeFaultEnded ? ', all answered while the fault lasted' : ', answered only after the fault ended'}; ${stored} comments stored`);
  const causes = [...new Set([...server.log().slice(logFrom).matchAll(/"msg":"store unavailable"[^\n]*?"reason":"([^"]+)"/g)].map((m) => m[1]))];
  report(scenario, `the server logged the store as unavailable because of: ${causes.join(', ') || 'nothing'}`);
  if (posts.some((a) => a.status !== 503)) report(scenario, `server log:\n${server.log().split('\n').slice(-30).join('\n')}`);
  for (const answer of posts) expectUnavailable(answer);
  expect(pages.answers.map((a) => a.status)).toEqual(pages.answers.map(() => 200));
  expect(pages.beforeFaultEnded, 'pages were served while the fault lasted, not after').toBe(true);
  expect(stored, 'nothing written during the fault').toBe(0);

  const after = await Promise.all(batch.map((p) => post(server.base, p)));
  report(scenario, `the same ${POSTS} POSTs (same keys) after the fault: ${JSON.stringify(tally(after))}; ${storedWith(marker)} stored`);
  expect(after.map((a: Answer) => a.status)).toEqual(batch.map(() => 201));
  expect(storedWith(marker)).toBe(POSTS);
}

describe('SQLite storage faults', () => {
  it('locked by another process past the busy timeout (BEGIN EXCLUSIVE)', async () => {
    let holder: Database.Database | undefined;
    let released: Promise<void> | undefined;
    await duringFault(
      `locked for ${LOCK_HOLD_MS / 1000} s`,
      () => {
        holder = new Database(dbFile);
        holder.exec('begin exclusive');
        released = sleep(LOCK_HOLD_MS).then(() => {
          holder!.exec('rollback');
          holder!.close();
          fault.active = false;
        });
      },
      () => released,
    );
  });

  it.runIf(isRoot)('read-only (chattr +i on the database files)', async () => {
    const files = [dbFile, `${dbFile}-wal`, `${dbFile}-shm`].filter((f) => fs.existsSync(f));
    await duringFault(
      'read-only',
      () => void run('chattr', '+i', ...files),
      () => void run('chattr', '-i', ...files),
    );
  });

  it.runIf(isRoot)('out of space (the file system full)', async () => {
    const filler = path.join(dataDir, 'filler');
    await duringFault(
      'disk full',
      () => {
        // Empty the WAL, so the next commit must grow it, then take every free byte.
        // The server's connection may still be reading: a TRUNCATE checkpoint then reports busy and leaves the WAL's
        // space allocated, where the next commit would fit. Ask until the WAL really is empty.
        const db = new Database(dbFile);
        let emptied = false;
        for (let attempt = 0; attempt < 100 && !emptied; attempt++) {
          const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
          emptied = result!.busy === 0 && result!.log === 0 && (!fs.existsSync(`${dbFile}-wal`) || fs.statSync(`${dbFile}-wal`).size === 0);
          if (!emptied) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
        }
        db.close();
        if (!emptied) throw new Error('could not empty the WAL before filling the disk');
        // ext4 reserves space for delayed allocation generously and gives some back once the data is on disk:
        // fill, flush, and fill again until not even one byte more fits.
        const fd = fs.openSync(filler, 'a');
        try {
          for (const size of [64 * 1024, 4096, 512, 1, 1]) {
            const chunk = Buffer.alloc(size);
            try {
              for (;;) fs.writeSync(fd, chunk);
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
            }
            try {
              fs.fsyncSync(fd);
            } catch (error) {
              if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
            }
          }
        } finally {
          fs.closeSync(fd);
        }
      },
      () => fs.rmSync(filler),
    );
  });
});
