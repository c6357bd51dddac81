/**
 * SIGKILL in the middle of a comment load run (SQLite): clients retry what got no answer, with the
 * same Idempotency-Key, once the server is back. Every comment that got a 2xx must be stored, once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { formToken, idOf, newMarker, type Payload, payloads, post } from './support/comments';
import { type Answer, removeDir, report, type RunningServer, sleep, startServer, tally } from './support/server';

const SCENARIO = 'SIGKILL during load';
const COMMENTS = 160;
const CONCURRENCY = 16;
/** The server is killed once this many answers have come back. */
const KILL_AFTER = 50;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-faults-kill-'));
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.stop('SIGKILL');
  removeDir(dataDir);
});

it('keeps every acknowledged comment, stores none twice and leaves an intact database', async () => {
  server = await startServer({ DATA_DIR: dataDir });
  const { port } = server;
  const marker = newMarker();
  const all = payloads(COMMENTS, await formToken(server.base), marker);
  const acknowledged = new Map<number, string>();
  const firstRound: Answer[] = [];
  const unanswered: Payload[] = [];
  let inFlightAtKill = -1;
  let inFlight = 0;

  const queue = [...all];
  const killed = (async () => {
    while (firstRound.length < KILL_AFTER) await sleep(5);
    inFlightAtKill = inFlight;
    await server!.stop('SIGKILL');
  })();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let p = queue.shift(); p; p = queue.shift()) {
        inFlight += 1;
        const answer = await post(`http://127.0.0.1:${port}`, p, 10_000);
        inFlight -= 1;
        firstRound.push(answer);
        if (answer.status === 201) acknowledged.set(p.n, idOf(answer));
        else if (answer.status === 0 || answer.status === 503) unanswered.push(p);
      }
    }),
  );
  await killed;
  report(SCENARIO, `sent ${COMMENTS} POSTs with Idempotency-Keys, ${CONCURRENCY} at a time; SIGKILL after ${KILL_AFTER} answers with ${inFlightAtKill} in flight`);
  report(SCENARIO, `first round answers: ${JSON.stringify(tally(firstRound))}`);
  expect(inFlightAtKill, 'requests were in flight when the server was killed').toBeGreaterThan(0);
  expect(unanswered.length, 'the kill cut some requests off').toBeGreaterThan(0);

  server = await startServer({ DATA_DIR: dataDir }, port);
  const retries: Answer[] = [];
  const retryQueue = [...unanswered];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let p = retryQueue.shift(); p; p = retryQueue.shift()) {
        const answer = await post(server!.base, p);
        retries.push(answer);
        expect(answer.status, `retry of comment ${p.n}: ${answer.body}`).toBe(201);
        acknowledged.set(p.n, idOf(answer));
      }
    }),
  );
  const replayedRetries = retries.filter((a) => a.headers['idempotent-replayed'] === 'true').length;
  report(SCENARIO, `restarted; retried ${unanswered.length} unanswered with the same keys: ${JSON.stringify(tally(retries))}, ${replayedRetries} of them replayed (stored before the kill, answer lost)`);

  // Comments acknowledged before the kill, sent again: the stored answer, not a second comment or a 409.
  const again = all.filter((p) => acknowledged.has(p.n) && !unanswered.includes(p)).slice(0, 10);
  const replays = await Promise.all(again.map((p) => post(server!.base, p)));
  for (const [i, answer] of replays.entries()) {
    expect(answer.status).toBe(201);
    expect(answer.headers['idempotent-replayed']).toBe('true');
    expect(idOf(answer)).toBe(acknowledged.get(again[i]!.n));
  }
  report(SCENARIO, `re-sent ${again.length} comments acknowledged before the kill: ${JSON.stringify(tally(replays))}, all replayed with their ids`);

  const stopped = await server.stop('SIGTERM');
  expect(stopped.code).toBe(0);

  const db = new Database(path.join(dataDir, 'eurasian-star.db'), { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    const rows = db.prepare('select id, body from comments where body like ?').all(`%${marker}%`) as { id: string; body: string }[];
    const keys = db.prepare('select key, comment_id from idempotency_keys').all() as { key: string; comment_id: string }[];
    report(SCENARIO, `after the run: integrity_check=${String(integrity)}, ${rows.length} comments stored for ${acknowledged.size} acknowledged, ${keys.length} keys`);
    expect(integrity).toBe('ok');
    expect(acknowledged.size, 'every comment was eventually acknowledged').toBe(COMMENTS);
    const byBody = new Map(rows.map((r) => [r.body, r.id]));
    expect(byBody.size, 'no comment stored twice').toBe(rows.length);
    expect(rows.length).toBe(COMMENTS);
    for (const p of all) expect(byBody.get(p.body), `comment ${p.n} is stored under the id it was acknowledged with`).toBe(acknowledged.get(p.n));
    const keyed = new Map(keys.map((k) => [k.key, k.comment_id]));
    for (const p of all) expect(keyed.get(p.key), `comment ${p.n}'s key points at it`).toBe(acknowledged.get(p.n));
  } finally {
    db.close();
  }
});
