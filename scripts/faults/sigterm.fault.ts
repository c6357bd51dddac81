/**
 * SIGTERM: the server stops accepting, finishes requests in flight (bounded by its 10 s grace),
 * closes the SQLite database cleanly (no -wal left to recover) and exits 0.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { formToken, newMarker, payloads } from './support/comments';
import { type Answer, removeDir, report, request, type RunningServer, sleep, startServer, tally } from './support/server';

const SCENARIO = 'SIGTERM';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-faults-term-'));
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.stop('SIGKILL');
  removeDir(dataDir);
});

/** A POST whose body is sent in two halves: the request is in flight until `finish` is called. */
function slowPost(base: string, json: string, headers: Record<string, string>): { answer: Promise<Answer>; finish: () => void } {
  const bytes = Buffer.from(json);
  const started = Date.now();
  let finish = () => {};
  const answer = new Promise<Answer>((resolve) => {
    const req = http.request(
      new URL('/api/comments', base),
      { method: 'POST', agent: false, headers: { ...headers, 'content-type': 'application/json', 'content-length': String(bytes.length) } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ms: Date.now() - started }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 0, error: error.code ?? error.message, headers: {}, body: '', ms: Date.now() - started }));
    req.write(bytes.subarray(0, 20));
    finish = () => req.end(bytes.subarray(20));
  });
  return { answer, finish };
}

it('finishes requests in flight, refuses new connections, closes the database cleanly and exits 0', async () => {
  server = await startServer({ DATA_DIR: dataDir });
  const base = server.base;
  const marker = newMarker();
  const [a, b, c, stalled] = payloads(4, await formToken(base), marker);
  const headersFor = (p: typeof a) => ({ 'idempotency-key': p!.key, 'x-forwarded-for': p!.ip });
  const slow = [a, b, c].map((p) => slowPost(base, p!.json, headersFor(p)));
  // Never finished: the server must not wait for it beyond its grace period.
  const never = slowPost(base, stalled!.json, headersFor(stalled));
  await sleep(500);

  const exit = server.stop('SIGTERM', 40_000);
  await sleep(500);
  const refused = await request(base, 'GET', '/feed.xml', { timeoutMs: 5000 });
  report(SCENARIO, `SIGTERM with 4 POSTs half-sent; a new connection 0.5 s later got ${refused.status || refused.error}`);
  for (const s of slow) s.finish();
  const answers = await Promise.all(slow.map((s) => s.answer));
  const stalledAnswer = await never.answer;
  const { code, signal, ms } = await exit;
  report(SCENARIO, `the 3 finished after SIGTERM were answered ${JSON.stringify(tally(answers))}; the stalled one: ${JSON.stringify(tally([stalledAnswer]))}`);
  report(SCENARIO, `exit code ${code} (signal ${signal}) ${(ms / 1000).toFixed(1)} s after SIGTERM`);

  expect(refused.status, 'no new connections after SIGTERM').toBe(0);
  expect(refused.error).toBe('ECONNREFUSED');
  expect(answers.map((x) => x.status)).toEqual([201, 201, 201]);
  expect(stalledAnswer.status, 'the stalled request is cut off at the end of the grace period').toBe(0);
  expect([code, signal]).toEqual([0, null]);

  const file = path.join(dataDir, 'eurasian-star.db');
  const walLeft = fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
  const db = new Database(file, { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    const stored = (db.prepare('select count(*) as n from comments where body like ?').get(`%${marker}%`) as { n: number }).n;
    report(SCENARIO, `after exit: -wal ${walLeft} bytes, integrity_check=${String(integrity)}, ${stored} of the 3 answered comments stored`);
    expect(walLeft, 'the database was checkpointed and closed: no -wal to recover').toBe(0);
    expect(integrity).toBe('ok');
    expect(stored).toBe(3);
  } finally {
    db.close();
  }
});
