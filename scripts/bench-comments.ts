/**
 * Benchmark (not a test) of the comment path against a production build, for each store:
 * SQLite (the default: DATABASE_URL unset, a fresh DATA_DIR) and PostgreSQL (a fresh database,
 * dropped at the end; skipped when the server is unreachable).
 *
 *   npm run build && npm run bench:comments [-- --requests 2000 --concurrency 16 --duration 15 --runs 3 --approvals 10 --ports 3300-3399]
 *
 * For each store it starts `node server.mjs` from the project root it is run from (TRUST_PROXY=1,
 * HOST=127.0.0.1, a free port in 3300–3399) and measures:
 *  - POST /api/comments (JSON): accepted comments per second and p50/p99/max latency, with
 *    `concurrency` keep-alive connections sending `requests` requests (or for `duration` seconds,
 *    whichever ends first), each with its own body and its own X-Forwarded-For address (from the
 *    198.18.0.0/15 benchmarking range, header values only: every request goes to 127.0.0.1), so
 *    the flood rule never answers 429. Any status other than 201 is counted apart. Median of the runs.
 *  - approve → visible: post a comment (held as pending), approve it in-process with
 *    setCommentStatus and notifySite (signed with the secret in the server's DATA_DIR), then poll
 *    GET /articles/<slug> until the comment's id is in the HTML. Median of the runs.
 *
 * Each store runs in a child process of this script, because the environment (DATA_DIR,
 * DATABASE_URL) is read once per process. Prints a table and writes bench-results/comments.json
 * (and the server logs beside it). Every loop is bounded in count and time, the server is stopped
 * with SIGTERM even on error, and a watchdog ends a store's run that takes too long.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { postgresTestDatabase, type TestDatabase } from '../lib/db/testing';
import { freePort, type Site, startSite, type StopResult } from '../lib/testing/server';

type Store = 'sqlite' | 'postgres';

interface Config {
  requests: number;
  concurrency: number;
  durationSeconds: number;
  runs: number;
  warmup: number;
  approvals: number;
  article: string;
}

interface WorkerJob {
  store: Store;
  config: Config;
  root: string;
  port: number;
  resultFile: string;
  logFile: string;
  /** First address of this store's X-Forwarded-For range. */
  ipOffset: number;
}

interface StatusCounts {
  created: number;
  tooMany: number;
  conflict: number;
  serverError: number;
  other: number;
  networkErrors: number;
}

interface LoadRun {
  requests: number;
  elapsedMs: number;
  acceptedPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  statuses: StatusCounts;
  /** Server process CPU time during the run, in % of one core (Linux /proc; null elsewhere). */
  serverCpuPercent: number | null;
  /** This load generator's CPU time during the run, in % of one core: near 100 would mean it, not the server, is the limit. */
  clientCpuPercent: number;
  loadAverage1m: number;
}

interface ApprovalRun {
  id: string;
  setStatusMs: number;
  notifyMs: number;
  notified: boolean;
  /** From just before setCommentStatus to the first GET whose HTML holds the comment. */
  visibleMs: number | null;
  polls: number;
  /** x-nextjs-cache of the first GET after the notification (HIT, STALE, MISS…). */
  firstPollCache: string | null;
}

interface StoreResult {
  store: Store;
  skipped?: string;
  error?: string;
  database?: string;
  port?: number;
  startupMs?: number;
  runs?: LoadRun[];
  median?: { acceptedPerSecond: number; p50Ms: number; p99Ms: number; maxMs: number };
  statusTotals?: StatusCounts;
  /** Two comments from one address: 201 then 429 shows the flood rule is on and keyed on X-Forwarded-For. */
  floodCheck?: { firstStatus: number; secondStatus: number };
  /** Rows in the store after the load runs, by status (warm-up and checks included). */
  storedAfterLoad?: Record<string, number>;
  /** First few answers other than 201, as status and body. */
  nonCreatedSamples?: string[];
  approval?: {
    runs: ApprovalRun[];
    medianVisibleMs: number | null;
    minVisibleMs: number | null;
    maxVisibleMs: number | null;
    medianSetStatusMs: number;
    medianNotifyMs: number;
    notifyFailures: number;
    neverVisible: number;
  };
  server?: { shutdownMs: number | null; exitCode: number | null; signal: string | null; logFile: string; logIssues: string[] };
}

const DEFAULTS: Config = {
  requests: 2000,
  concurrency: 16,
  durationSeconds: 15,
  runs: 3,
  warmup: 1000,
  approvals: 10,
  article: 'eu-central-asia-political-security-dialogue',
};
const DEFAULT_PG_ADMIN_URL = 'postgres://root@127.0.0.1:5432/postgres';
let PORT_RANGE: readonly [number, number] = [3300, 3399];
const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 30_000;
const VISIBLE_TIMEOUT_MS = 10_000;
const POLL_PAUSE_MS = 10;
const STOP_GRACE_MS = 15_000;
/** Addresses per store in 198.18.0.0/15: 131,072 in all, split between the two stores. */
const IPS_PER_STORE = 65_536;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 1) => (Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : value);
const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The n-th address of 198.18.0.0/15 (RFC 2544's benchmarking range): only ever a header value. */
function benchIp(n: number): string {
  if (n < 0 || n >= 2 * IPS_PER_STORE) throw new Error(`ran out of distinct X-Forwarded-For addresses (${n})`);
  return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
}

// ---------------------------------------------------------------------------------------------
// HTTP over loopback
// ---------------------------------------------------------------------------------------------

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

function send(agent: http.Agent, port: number, method: string, pathname: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: HOST, port, method, path: pathname, agent, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(Object.assign(new Error('request timed out'), { code: 'TIMEOUT' })));
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU seconds used so far by a process (Linux), or null. */
function cpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after "pid (comm) ".
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Worker: one store, one server
// ---------------------------------------------------------------------------------------------

class Bench {
  private nextIp: number;
  private serial = 0;
  private readonly nonce = randomBytes(4).toString('hex');
  readonly nonCreatedSamples: string[] = [];
  token = '';
  /** Every 201 so far, to check against the rows in the store. */
  accepted = 0;

  constructor(
    private readonly job: WorkerJob,
    private readonly serverPid: () => number | undefined,
  ) {
    this.nextIp = job.ipOffset;
  }

  /** A comment no one has posted before, from an address no one has posted from. */
  private nextComment(): { body: string; ip: string } {
    const n = (this.serial += 1);
    const ip = benchIp(this.nextIp);
    this.nextIp += 1;
    if (this.nextIp >= this.job.ipOffset + IPS_PER_STORE) throw new Error('ran out of distinct X-Forwarded-For addresses for this store');
    const tag = `${this.job.store}-${this.nonce}-${n}`;
    const body = JSON.stringify({
      article: this.job.config.article,
      name: `Bench Reader ${tag}`,
      email: `bench-${tag}@example.com`,
      body: `Benchmark comment ${tag}: how many comments can the site take in a second, and how fast does an approval show?`,
      token: this.token,
    });
    return { body, ip };
  }

  async postComment(agent: http.Agent, sameIpAs?: string): Promise<Answer> {
    const comment = this.nextComment();
    const ip = sameIpAs ?? comment.ip;
    const answer = await send(agent, this.job.port, 'POST', '/api/comments', { 'content-type': 'application/json', accept: 'application/json', 'x-forwarded-for': ip, 'user-agent': 'eurasian-star-bench' }, comment.body);
    if (answer.status === 201) this.accepted += 1;
    return answer;
  }

  /** `count` POSTs over `concurrency` keep-alive connections, stopping early at `durationMs`. */
  async load(count: number, concurrency: number, durationMs: number): Promise<LoadRun> {
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    const latencies: number[] = [];
    const statuses: StatusCounts = { created: 0, tooMany: 0, conflict: 0, serverError: 0, other: 0, networkErrors: 0 };
    let issued = 0;
    const loadAverage1m = os.loadavg()[0]!;
    const cpuBefore = cpuSeconds(this.serverPid());
    const clientBefore = process.cpuUsage();
    const start = performance.now();
    const deadline = start + durationMs;
    const connection = async () => {
      while (issued < count && performance.now() < deadline) {
        issued += 1;
        const t0 = performance.now();
        try {
          const answer = await this.postComment(agent);
          latencies.push(performance.now() - t0);
          if (answer.status === 201) statuses.created += 1;
          else {
            if (answer.status === 429) statuses.tooMany += 1;
            else if (answer.status === 409) statuses.conflict += 1;
            else if (answer.status >= 500) statuses.serverError += 1;
            else statuses.other += 1;
            if (this.nonCreatedSamples.length < 10) this.nonCreatedSamples.push(`${answer.status} ${answer.body.slice(0, 300)}`);
          }
        } catch (error) {
          statuses.networkErrors += 1;
          if (this.nonCreatedSamples.length < 10) this.nonCreatedSamples.push(`network error: ${(error as { code?: string }).code ?? ''} ${errorMessage(error)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, connection));
    const elapsedMs = performance.now() - start;
    const cpuAfter = cpuSeconds(this.serverPid());
    const client = process.cpuUsage(clientBefore);
    agent.destroy();
    latencies.sort((a, b) => a - b);
    return {
      requests: issued,
      elapsedMs: round(elapsedMs),
      acceptedPerSecond: round(statuses.created / (elapsedMs / 1000)),
      p50Ms: round(percentile(latencies, 0.5)),
      p99Ms: round(percentile(latencies, 0.99)),
      maxMs: round(latencies[latencies.length - 1] ?? Number.NaN),
      statuses,
      serverCpuPercent: cpuBefore === null || cpuAfter === null ? null : round(((cpuAfter - cpuBefore) / (elapsedMs / 1000)) * 100, 0),
      clientCpuPercent: round(((client.user + client.system) / 1000 / elapsedMs) * 100, 0),
      loadAverage1m: round(loadAverage1m, 2),
    };
  }

  /** Post a comment (held), approve it in-process, tell the site, and poll the article page until it shows. */
  async approveAndWatch(setCommentStatus: (id: string, status: 'approved') => Promise<unknown>, notifySite: (origin: string, slug: string) => Promise<boolean>): Promise<ApprovalRun> {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const posted = await this.postComment(agent);
      if (posted.status !== 201) throw new Error(`posting the comment to approve answered ${posted.status}: ${posted.body.slice(0, 300)}`);
      const { id, status } = JSON.parse(posted.body) as { id: string; status: string };
      if (status !== 'pending') throw new Error(`the comment to approve was ${status}, not pending`);
      const marker = `id="comment-${id}"`;
      const pagePath = `/articles/${this.job.config.article}`;

      const t0 = performance.now();
      await setCommentStatus(id, 'approved');
      const t1 = performance.now();
      const notified = await notifySite(`http://${HOST}:${this.job.port}`, this.job.config.article);
      const t2 = performance.now();
      let polls = 0;
      let firstPollCache: string | null = null;
      let visibleMs: number | null = null;
      while (performance.now() - t2 < VISIBLE_TIMEOUT_MS) {
        const page = await send(agent, this.job.port, 'GET', pagePath, { accept: 'text/html' });
        polls += 1;
        if (polls === 1) firstPollCache = String(page.headers['x-nextjs-cache'] ?? page.headers['x-nextjs-prerender'] ?? '') || null;
        if (page.status === 200 && page.body.includes(marker)) {
          visibleMs = performance.now() - t0;
          break;
        }
        await sleep(POLL_PAUSE_MS);
      }
      return { id, setStatusMs: round(t1 - t0), notifyMs: round(t2 - t1), notified, visibleMs: visibleMs === null ? null : round(visibleMs), polls, firstPollCache };
    } finally {
      agent.destroy();
    }
  }
}

/** A form token from the ready server (the posts need one). */
async function formToken(port: number): Promise<string> {
  const agent = new http.Agent({ keepAlive: false });
  try {
    const answer = await send(agent, port, 'GET', '/api/comments/token', { accept: 'application/json' });
    if (answer.status !== 200) throw new Error(`GET /api/comments/token answered ${answer.status}: ${answer.body.slice(0, 200)}`);
    return (JSON.parse(answer.body) as { token: string }).token;
  } finally {
    agent.destroy();
  }
}

/**
 * Ready means able to answer for the article: the server reads the content library on the first request that needs it
 * (most of a minute for 10,000 articles when DATA_DIR has no library cache yet, as in this script's fresh DATA_DIR).
 */
async function waitForArticle(port: number, article: string): Promise<void> {
  const agent = new http.Agent({ keepAlive: false });
  const deadline = performance.now() + 3 * READY_TIMEOUT_MS;
  try {
    while (performance.now() < deadline) {
      const answer = await send(agent, port, 'GET', `/api/comments?article=${encodeURIComponent(article)}`, { accept: 'application/json' }).catch(() => undefined);
      if (answer?.status === 200) return;
      if (answer) throw new Error(`GET /api/comments?article=${article} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
    }
    throw new Error(`the server could not answer for ${article} within ${(3 * READY_TIMEOUT_MS) / 1000} s`);
  } finally {
    agent.destroy();
  }
}

/** Lines of the server's log worth a look: errors, warnings, lock and pool troubles. */
// The server logs every request as a JSON line (docs/operations.md); the 4xx the benchmark provokes on purpose are not issues.
const isExpectedRequestLine = (line: string) => /^\{"time":"[^"]+","level":"(info|warn)","msg":"request"/.test(line);
const logIssues = (log: string[]) =>
  log.filter((line) => !isExpectedRequestLine(line) && /error|warn|busy|locked|timeout|timed out|unavailable|unhandled|ECONN|too many|deadlock/i.test(line)).slice(0, 30);

async function runWorker(job: WorkerJob): Promise<void> {
  const { config } = job;
  const result: StoreResult = { store: job.store, port: job.port };
  const budgetMs = Math.min(300_000, READY_TIMEOUT_MS + 60_000 + config.runs * (config.durationSeconds * 1000 + 15_000) + (config.approvals + 1) * (VISIBLE_TIMEOUT_MS + 2000));
  let server: Site | undefined;
  let stopping: Promise<StopResult | undefined> | undefined;
  const stop = () => (stopping ??= server ? server.stop({ timeoutMs: STOP_GRACE_MS }) : Promise.resolve(undefined));
  const abort = (why: string, code: number) => {
    console.error(`[bench ${job.store}] ${why}: stopping the server`);
    void stop().finally(() => process.exit(code));
  };
  setTimeout(() => abort(`took longer than ${budgetMs / 1000} s`, 1), budgetMs).unref();
  process.once('SIGTERM', () => abort('SIGTERM', 143));
  process.once('SIGINT', () => abort('SIGINT', 130));

  // The same modules the site uses, loaded after DATA_DIR / DATABASE_URL are set for this process.
  const { getCommentStore, closeCommentStore } = await import('../lib/comments/store');
  const { setCommentStatus } = await import('../lib/comments/moderation');
  const { notifySite } = await import('../lib/comments/notify');
  const { getSecret } = await import('../lib/secret');
  const { resolveDatabaseUrl } = await import('../lib/db/connect');

  try {
    // Create the schema and the shared secret before the server starts, so neither races the other.
    getSecret();
    await getCommentStore();
    const { target } = resolveDatabaseUrl();
    result.database = target.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

    const t0 = performance.now();
    // The worker's DATA_DIR (set for this process) holds the schema and the secret made above.
    server = await startSite({ cwd: job.root, port: job.port, dataDir: process.env.DATA_DIR, env: { TRUST_PROXY: '1' }, logFile: job.logFile, readyTimeoutMs: READY_TIMEOUT_MS });
    const started = server;
    const bench = new Bench(job, () => started.pid);
    bench.token = await formToken(job.port);
    await waitForArticle(job.port, config.article);
    result.startupMs = round(performance.now() - t0, 0);
    console.log(`[bench ${job.store}] server ready on ${HOST}:${job.port} in ${result.startupMs} ms (${result.database})`);

    // Warm-up: compiles, connects, fills caches. Its first answer must be a 201, or nothing below means anything.
    const first = await bench.postComment(new http.Agent({ keepAlive: false }));
    if (first.status !== 201) throw new Error(`the first POST /api/comments answered ${first.status}: ${first.body.slice(0, 300)}`);
    // The flood rule must be on and keyed on X-Forwarded-For, or "no 429" below would mean nothing.
    const floodIp = benchIp(job.ipOffset + IPS_PER_STORE - 1);
    const floodAgent = new http.Agent({ keepAlive: false });
    const floodFirst = await bench.postComment(floodAgent, floodIp);
    const floodSecond = await bench.postComment(floodAgent, floodIp);
    result.floodCheck = { firstStatus: floodFirst.status, secondStatus: floodSecond.status };
    if (floodFirst.status !== 201 || floodSecond.status !== 429) {
      console.warn(`[bench ${job.store}] WARNING: two comments from one address answered ${floodFirst.status} then ${floodSecond.status} (expected 201 then 429): is TRUST_PROXY honoured?`);
    }
    await bench.load(config.warmup, config.concurrency, config.durationSeconds * 1000);
    bench.nonCreatedSamples.length = 0;

    result.runs = [];
    for (let run = 1; run <= config.runs; run += 1) {
      await sleep(1000);
      const measured = await bench.load(config.requests, config.concurrency, config.durationSeconds * 1000);
      result.runs.push(measured);
      const s = measured.statuses;
      console.log(
        `[bench ${job.store}] run ${run}/${config.runs}: ${measured.requests} requests in ${(measured.elapsedMs / 1000).toFixed(2)} s, ` +
          `${measured.acceptedPerSecond}/s accepted, p50 ${measured.p50Ms} ms, p99 ${measured.p99Ms} ms, max ${measured.maxMs} ms ` +
          `(201: ${s.created}, 429: ${s.tooMany}, 409: ${s.conflict}, 5xx: ${s.serverError}, other: ${s.other}, network: ${s.networkErrors}; server CPU ${measured.serverCpuPercent ?? '?'}%, client CPU ${measured.clientCpuPercent}%, load ${measured.loadAverage1m})`,
      );
    }
    result.median = {
      acceptedPerSecond: round(median(result.runs.map((r) => r.acceptedPerSecond))),
      p50Ms: round(median(result.runs.map((r) => r.p50Ms))),
      p99Ms: round(median(result.runs.map((r) => r.p99Ms))),
      maxMs: round(median(result.runs.map((r) => r.maxMs))),
    };
    const totals: StatusCounts = { created: 0, tooMany: 0, conflict: 0, serverError: 0, other: 0, networkErrors: 0 };
    for (const run of result.runs) for (const key of Object.keys(totals) as (keyof StatusCounts)[]) totals[key] += run.statuses[key];
    result.statusTotals = totals;
    result.nonCreatedSamples = [...bench.nonCreatedSamples];

    const stored = await (await getCommentStore()).countByStatus();
    result.storedAfterLoad = stored;
    const storedTotal = Object.values(stored).reduce((a, b) => a + b, 0);
    if (storedTotal !== bench.accepted) console.warn(`[bench ${job.store}] WARNING: ${bench.accepted} comments were answered 201 but the store holds ${storedTotal}`);
    else console.log(`[bench ${job.store}] the store holds all ${storedTotal} accepted comments (${JSON.stringify(stored)})`);

    // One approval first, not counted: the article page's first render in this process is a cold one.
    const warm = await bench.approveAndWatch(setCommentStatus, notifySite);
    console.log(`[bench ${job.store}] warm-up approval (not counted): visible after ${warm.visibleMs ?? 'never'} ms`);
    const approvals: ApprovalRun[] = [];
    for (let i = 1; i <= config.approvals; i += 1) {
      await sleep(200);
      const approval = await bench.approveAndWatch(setCommentStatus, notifySite);
      approvals.push(approval);
      console.log(
        `[bench ${job.store}] approval ${i}/${config.approvals}: visible after ${approval.visibleMs ?? 'never (timed out)'} ms ` +
          `(setCommentStatus ${approval.setStatusMs} ms, notifySite ${approval.notifyMs} ms${approval.notified ? '' : ' FAILED'}, ${approval.polls} GET(s), first ${approval.firstPollCache ?? '-'})`,
      );
    }
    const visible = approvals.map((a) => a.visibleMs).filter((v): v is number => v !== null);
    result.approval = {
      runs: approvals,
      medianVisibleMs: visible.length ? round(median(visible)) : null,
      minVisibleMs: visible.length ? Math.min(...visible) : null,
      maxVisibleMs: visible.length ? Math.max(...visible) : null,
      medianSetStatusMs: round(median(approvals.map((a) => a.setStatusMs))),
      medianNotifyMs: round(median(approvals.map((a) => a.notifyMs))),
      notifyFailures: approvals.filter((a) => !a.notified).length,
      neverVisible: approvals.length - visible.length,
    };
  } catch (error) {
    result.error = errorMessage(error);
    console.error(`[bench ${job.store}] failed: ${result.error}`);
  } finally {
    if (server) {
      const stopped = await stop();
      result.server = {
        shutdownMs: stopped?.ms ?? null,
        exitCode: stopped?.code ?? null,
        signal: stopped?.signal ?? null,
        logFile: job.logFile,
        logIssues: logIssues(server.log().split('\n').slice(0, 10_000)),
      };
    }
    await closeCommentStore().catch((error: unknown) => console.error(`[bench ${job.store}] closing the store: ${errorMessage(error)}`));
  }
  fs.writeFileSync(job.resultFile, JSON.stringify(result, null, 2));
  process.exit(result.error ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------
// Orchestrator
// ---------------------------------------------------------------------------------------------

let currentWorker: ChildProcess | undefined;
let interrupted = false;

function runWorkerProcess(job: WorkerJob, env: NodeJS.ProcessEnv): Promise<number | null> {
  const script = path.resolve(process.argv[1]!);
  const child = spawn(process.execPath, [...process.execArgv, script, '--worker', JSON.stringify(job)], { cwd: job.root, env, stdio: 'inherit' });
  currentWorker = child;
  return new Promise((resolve) => {
    // The worker has its own watchdog; this one catches a worker that hangs anyway.
    const timer = setTimeout(() => {
      console.error(`[bench] the ${job.store} worker did not finish in time: stopping it`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS + 5000).unref();
    }, 330_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      currentWorker = undefined;
      resolve(code);
    });
  });
}

const fmt = (value: number | null | undefined, width: number, digits = 1) =>
  (value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits)).padStart(width);

function printTables(results: StoreResult[], config: Config) {
  console.log('');
  console.log(
    `POST /api/comments (JSON) — ${config.concurrency} connections, ${config.requests} requests or ${config.durationSeconds} s per run, median of ${config.runs} runs`,
  );
  console.log(`${'store'.padEnd(9)} ${'accepted/s'.padStart(10)} ${'runs /s'.padStart(11)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} │ ${'201'.padStart(6)} ${'429'.padStart(5)} ${'409'.padStart(5)} ${'5xx'.padStart(5)} ${'other'.padStart(5)} ${'net'.padStart(5)}`);
  for (const r of results) {
    if (r.skipped || r.error || !r.median || !r.statusTotals) {
      console.log(`${r.store.padEnd(9)} ${r.skipped ? `skipped: ${r.skipped}` : `failed: ${r.error ?? 'no figures'}`}`);
      continue;
    }
    const m = r.median;
    const t = r.statusTotals;
    const rates = (r.runs ?? []).map((run) => run.acceptedPerSecond);
    const spread = `${Math.round(Math.min(...rates))}–${Math.round(Math.max(...rates))}`;
    console.log(
      `${r.store.padEnd(9)} ${fmt(m.acceptedPerSecond, 10)} ${spread.padStart(11)} ${fmt(m.p50Ms, 8)} ${fmt(m.p99Ms, 8)} ${fmt(m.maxMs, 8)} │ ${String(t.created).padStart(6)} ${String(t.tooMany).padStart(5)} ${String(t.conflict).padStart(5)} ${String(t.serverError).padStart(5)} ${String(t.other).padStart(5)} ${String(t.networkErrors).padStart(5)}`,
    );
  }
  const loads = results.flatMap((r) => r.runs ?? []).map((run) => run.loadAverage1m);
  const cpus = results.flatMap((r) => r.runs ?? []).map((run) => run.serverCpuPercent ?? Number.NaN);
  if (loads.length) {
    console.log(
      `(load average 1 min at the runs' start: ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} on ${os.cpus().length} CPUs; server CPU ${Math.min(...cpus)}–${Math.max(...cpus)}% of a core)`,
    );
    // The server and this client account for a load of about 1.2; more means neighbours took CPU from the server.
    if (Math.max(...loads) > os.cpus().length) console.log('WARNING: the machine was busy with other work during some runs: those figures are low and noisy; run again when it is idle.');
  }
  console.log('');
  console.log(`Approve → visible on /articles/${config.article} (setCommentStatus + notifySite, then GET until the comment is in the HTML), ${config.approvals} runs`);
  console.log(`${'store'.padEnd(9)} ${'median ms'.padStart(10)} ${'min ms'.padStart(8)} ${'max ms'.padStart(8)} │ ${'setStatus'.padStart(9)} ${'notify'.padStart(8)} ${'never'.padStart(6)} ${'notify✗'.padStart(8)}`);
  for (const r of results) {
    const a = r.approval;
    if (!a) {
      if (!r.skipped) console.log(`${r.store.padEnd(9)} ${r.error ? `failed: ${r.error}` : 'no figures'}`);
      continue;
    }
    console.log(
      `${r.store.padEnd(9)} ${fmt(a.medianVisibleMs, 10)} ${fmt(a.minVisibleMs, 8)} ${fmt(a.maxVisibleMs, 8)} │ ${fmt(a.medianSetStatusMs, 9)} ${fmt(a.medianNotifyMs, 8)} ${String(a.neverVisible).padStart(6)} ${String(a.notifyFailures).padStart(8)}`,
    );
  }
  for (const r of results) {
    if (r.nonCreatedSamples?.length) console.log(`\n${r.store}: answers other than 201 (first ${r.nonCreatedSamples.length}):\n  ${r.nonCreatedSamples.join('\n  ')}`);
    if (r.server?.logIssues.length) console.log(`\n${r.store}: server log lines worth a look (${r.server.logFile}):\n  ${r.server.logIssues.join('\n  ')}`);
  }
}

function readPositiveInt(value: string | undefined, fallback: number, name: string, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      worker: { type: 'string' },
      requests: { type: 'string' },
      concurrency: { type: 'string' },
      duration: { type: 'string' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      approvals: { type: 'string' },
      article: { type: 'string' },
      stores: { type: 'string' },
      'pg-url': { type: 'string' },
      out: { type: 'string' },
      ports: { type: 'string' },
    },
  });
  if (values.worker) {
    await runWorker(JSON.parse(values.worker) as WorkerJob);
    return 0;
  }

  if (values.ports) {
    const range = /^(\d{4,5})-(\d{4,5})$/.exec(values.ports);
    if (!range || Number(range[1]) > Number(range[2]) || Number(range[2]) > 65535) throw new Error('--ports is a range such as 3300-3399');
    PORT_RANGE = [Number(range[1]), Number(range[2])];
  }
  const root = process.cwd();
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID')) || !fs.existsSync(path.join(root, 'server.mjs'))) {
    console.error(`No production build in ${path.join(root, '.next')}: run \`npm run build\` first, then \`npm run bench:comments\` from the same folder.`);
    return 1;
  }
  const config: Config = {
    requests: readPositiveInt(values.requests, DEFAULTS.requests, 'requests', 20_000),
    concurrency: readPositiveInt(values.concurrency, DEFAULTS.concurrency, 'concurrency', 256),
    durationSeconds: readPositiveInt(values.duration, DEFAULTS.durationSeconds, 'duration', 15),
    runs: readPositiveInt(values.runs, DEFAULTS.runs, 'runs', 5),
    warmup: readPositiveInt(values.warmup, DEFAULTS.warmup, 'warmup', 2000),
    approvals: readPositiveInt(values.approvals, DEFAULTS.approvals, 'approvals', 30),
    article: values.article ?? DEFAULTS.article,
  };
  if (config.warmup + 1 + config.runs * config.requests + config.approvals >= IPS_PER_STORE) throw new Error('too many requests for distinct addresses: lower --requests or --runs');
  const stores = (values.stores ?? 'sqlite,postgres').split(',').map((s) => s.trim()) as Store[];
  if (stores.some((s) => s !== 'sqlite' && s !== 'postgres')) throw new Error('--stores is a comma-separated list of sqlite and postgres');
  const pgAdminUrl = values['pg-url'] ?? process.env.BENCH_PG_URL ?? DEFAULT_PG_ADMIN_URL;
  const outFile = path.resolve(root, values.out ?? 'bench-results/comments.json');
  const outDir = path.dirname(outFile);
  fs.mkdirSync(outDir, { recursive: true });

  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    console.error(`[bench] ${signal}: stopping`);
    currentWorker?.kill('SIGTERM');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eurasian-star-bench-'));
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const results: StoreResult[] = [];
  console.log(`[bench] project ${root}, build ${fs.readFileSync(path.join(root, '.next', 'BUILD_ID'), 'utf8').trim()}, ${os.cpus().length} CPUs, load ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
  try {
    for (const [index, store] of stores.entries()) {
      if (interrupted) break;
      const dataDir = path.join(tmp, `${store}-data`);
      fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: '1' };
      delete env.DATABASE_URL;
      let database: TestDatabase | undefined;
      if (store === 'postgres') {
        try {
          database = await postgresTestDatabase(pgAdminUrl);
        } catch (error) {
          const why = `PostgreSQL at ${pgAdminUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')} is unreachable (${errorMessage(error) || (error as { code?: string }).code || 'connection failed'})`;
          console.log(`[bench] ${why}: skipping the PostgreSQL store`);
          results.push({ store, skipped: why });
          continue;
        }
        env.DATABASE_URL = database.url;
        console.log(`[bench] created database ${new URL(database.url).pathname.slice(1)}`);
      }
      try {
        const job: WorkerJob = {
          store,
          config,
          root,
          port: await freePort({ from: PORT_RANGE[0], to: PORT_RANGE[1] }),
          resultFile: path.join(tmp, `${store}-result.json`),
          logFile: path.join(outDir, `comments-${store}-server.log`),
          ipOffset: index * IPS_PER_STORE,
        };
        console.log(`[bench] ${store}: DATA_DIR=${dataDir}${env.DATABASE_URL ? `, DATABASE_URL=${env.DATABASE_URL}` : ''}`);
        const code = await runWorkerProcess(job, env);
        if (fs.existsSync(job.resultFile)) results.push(JSON.parse(fs.readFileSync(job.resultFile, 'utf8')) as StoreResult);
        else results.push({ store, error: `the worker ended (exit ${code}) without a result; see ${job.logFile}` });
      } finally {
        if (database) {
          const name = new URL(database.url).pathname.slice(1);
          await database.drop().then(
            () => console.log(`[bench] dropped database ${name}`),
            (error: unknown) => console.error(`[bench] could not drop database ${name}: ${errorMessage(error)}`),
          );
        }
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, loadBefore, loadAfter: os.loadavg() },
    method: {
      client: 'node:http with a keep-alive Agent per run, in a process of its own on the same machine',
      latency: 'send to last byte of the answer, all answers; p50/p99 nearest-rank; figures are medians of the runs',
      xForwardedFor: 'one address of 198.18.0.0/15 per request (header value only; the server runs with TRUST_PROXY=1)',
      visible: 'from just before setCommentStatus to the first GET /articles/<slug> that holds id="comment-<id>", polling every 10 ms; one warm-up approval first, not counted',
    },
    config,
    results,
  };
  printTables(results, config);
  if (interrupted) {
    console.log(`\n[bench] interrupted: ${path.relative(root, outFile)} left as it was`);
    return 130;
  }
  fs.writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n[bench] wrote ${path.relative(root, outFile)}`);
  return results.some((r) => r.error) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[bench] ${errorMessage(error)}`);
    process.exit(1);
  },
);
