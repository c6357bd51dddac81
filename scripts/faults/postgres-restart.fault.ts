/**
 * PostgreSQL restarted during a comment load run: the server's pool recovers without restarting the
 * app; posts during the outage get 503 with Retry-After (not 500, not a hang); none is half-written;
 * retries (same keys) and new posts succeed afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { expectUnavailable, formToken, idOf, newMarker, type Payload, payloads, post } from './support/comments';
import { type RestartablePostgres, postgresAvailable, restartablePostgres } from './support/postgres';
import { type Answer, removeDir, report, type RunningServer, sleep, startServer, tally } from './support/server';

const SCENARIO = 'PostgreSQL restart';
const CONCURRENCY = 8;
const OUTAGE_MS = 3000;
/** Every request must be answered within this; a pool waiting for ever would show up as TIMEOUT. */
const CLIENT_TIMEOUT_MS = 20_000;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-faults-pg-app-'));
let database: RestartablePostgres | undefined;
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.stop('SIGKILL');
  await database?.dispose();
  removeDir(dataDir);
});

it.runIf(postgresAvailable())('answers 503 during the outage, writes nothing half, and recovers without an app restart', async () => {
  database = await restartablePostgres();
  server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: database.databaseUrl });
  const pid = server.process.pid;
  const marker = newMarker();
  const all = payloads(2000, await formToken(server.base), marker);
  // The database opens (and migrates) on first use: one comment before the load.
  const first = all.shift()!;
  const warmUp = await post(server.base, first);
  expect(warmUp.status).toBe(201);
  const sent: { payload: Payload; answer: Answer }[] = [];
  let loading = true;
  const queue = [...all];
  const load = Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (loading) {
        const payload = queue.shift();
        if (!payload) break;
        sent.push({ payload, answer: await post(server!.base, payload, CLIENT_TIMEOUT_MS) });
      }
    }),
  );
  await sleep(1500);
  const before = sent.length;
  const restartStarted = Date.now();
  await database.restart(OUTAGE_MS);
  const restartMs = Date.now() - restartStarted;
  await sleep(2000);
  loading = false;
  await load;
  const answers = sent.map((s) => s.answer);
  report(SCENARIO, `${database.description}; ${before} POSTs before the restart, which took ${(restartMs / 1000).toFixed(1)} s; load kept on 2 s after`);
  report(SCENARIO, `${answers.length} POSTs during the run (${CONCURRENCY} at a time): ${JSON.stringify(tally(answers))}`);

  const unexpected = answers.filter((a) => a.status !== 201 && a.status !== 503);
  if (unexpected.length > 0) {
    report(SCENARIO, `unexpected answers: ${unexpected.map((a) => `${a.status || a.error} ${a.body}`).join(' | ')}`);
    report(SCENARIO, `server log:\n${server.log().split('\n').filter((l) => !/store unavailable/.test(l)).slice(-40).join('\n')}`);
  }
  expect(unexpected, 'only 201 or 503: no 500, no hang, no dropped connection').toEqual([]);
  const refused = sent.filter((s) => s.answer.status === 503);
  for (const { answer } of refused) expectUnavailable(answer);
  expect(refused.length, 'posts during the outage were refused').toBeGreaterThan(0);
  expect(server.process.exitCode, 'the app was not restarted').toBeNull();
  expect(server.process.pid).toBe(pid);

  // After recovery: the refused posts again (same keys), and new ones.
  const retries = await Promise.all(refused.map((s) => post(server!.base, s.payload, CLIENT_TIMEOUT_MS)));
  const fresh = await Promise.all(queue.slice(0, 20).map((p) => post(server!.base, p, CLIENT_TIMEOUT_MS)));
  report(SCENARIO, `after recovery: ${refused.length} refused posts retried with their keys: ${JSON.stringify(tally(retries))}; 20 new posts: ${JSON.stringify(tally(fresh))}`);
  expect(retries.map((a) => a.status)).toEqual(retries.map(() => 201));
  expect(fresh.map((a) => a.status)).toEqual(fresh.map(() => 201));

  const acknowledged = new Map<string, string>([[first.key, idOf(warmUp)]]);
  for (const s of sent) if (s.answer.status === 201) acknowledged.set(s.payload.key, idOf(s.answer));
  refused.forEach((s, i) => acknowledged.set(s.payload.key, idOf(retries[i]!)));
  queue.slice(0, 20).forEach((p, i) => acknowledged.set(p.key, idOf(fresh[i]!)));

  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  try {
    const comments = (await client.query<{ id: string; body: string }>('select id, body from comments where body like $1', [`%${marker}%`])).rows;
    const keys = (await client.query<{ key: string; comment_id: string }>('select key, comment_id from idempotency_keys')).rows;
    report(SCENARIO, `stored: ${comments.length} comments and ${keys.length} keys for ${acknowledged.size} acknowledged posts`);
    expect(new Set(comments.map((c) => c.body)).size, 'no comment stored twice').toBe(comments.length);
    expect(comments.length).toBe(acknowledged.size);
    // Comment and key are one transaction: every key has its comment, every comment its key.
    const ids = new Set(comments.map((c) => c.id));
    expect(keys.length).toBe(comments.length);
    for (const k of keys) expect(ids.has(k.comment_id)).toBe(true);
    for (const [key, id] of acknowledged) expect(keys.find((k) => k.key === key)?.comment_id, `key ${key}`).toBe(id);
  } finally {
    await client.end();
  }
});
