/**
 * The fault scenarios' harness: a real `node server.mjs` on the worktree's production build, on a
 * port of its own, and a plain HTTP client that reports every answer — or the network error — as data.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Where the scenarios' servers listen: FAULTS_PORT (default 3500) and the next 99 ports. */
const BASE_PORT = Number(process.env.FAULTS_PORT ?? 3500);

/** A free port in this run's range, so a server from another run or helper is never answered by mistake. */
export async function freePort(): Promise<number> {
  for (let port = BASE_PORT; port < BASE_PORT + 100; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer().once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${BASE_PORT}–${BASE_PORT + 99}`);
}

export interface RunningServer {
  port: number;
  base: string;
  process: ChildProcess;
  /** Everything the server printed so far. */
  log(): string;
  /** Sends a signal and waits for the exit: the exit code (null when killed by a signal) and the signal. */
  stop(signal: NodeJS.Signals, timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node server.mjs` with the given environment and waits until it answers. */
export async function startServer(env: Record<string, string>, port?: number): Promise<RunningServer> {
  const listenPort = port ?? (await freePort());
  const child = spawn(process.execPath, ['server.mjs'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      HOST: '127.0.0.1',
      PORT: String(listenPort),
      TRUST_PROXY: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const base = `http://127.0.0.1:${listenPort}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited while starting:\n${output}`);
    if (/"msg":"ready"/.test(output) && (await request(base, 'GET', '/api/comments/token', { timeoutMs: 5000 })).status === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start within 60 s:\n${output}`);
    }
    await sleep(100);
  }
  return {
    port: listenPort,
    base,
    process: child,
    log: () => output,
    exited,
    async stop(signal, timeoutMs = 30_000) {
      const started = Date.now();
      if (child.exitCode !== null || child.signalCode !== null) return { ...(await exited), ms: 0 };
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await exited;
      clearTimeout(timer);
      return { ...result, ms: Date.now() - started };
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Answer {
  /** HTTP status, or 0 when there was no answer. */
  status: number;
  /** The network error's code (ECONNREFUSED, ECONNRESET, TIMEOUT…) when there was no answer. */
  error?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
}

/** One request on a fresh connection; never throws: a failure is an Answer with status 0. */
export function request(
  base: string,
  method: string,
  pathname: string,
  options: { headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<Answer> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (answer: Omit<Answer, 'ms'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...answer, ms: Date.now() - started });
    };
    const req = http.request(new URL(pathname, base), { method, headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error: NodeJS.ErrnoException) => done({ status: 0, error: error.code ?? error.message, headers: {}, body: '' }));
    });
    req.setTimeout(options.timeoutMs ?? 30_000, () => {
      done({ status: 0, error: 'TIMEOUT', headers: {}, body: '' });
      req.destroy();
    });
    req.on('error', (error: NodeJS.ErrnoException) => done({ status: 0, error: error.code ?? error.message, headers: {}, body: '' }));
    req.end(options.body);
  });
}

/** Counts answers by status (or network error), e.g. { "201": 40, "503": 3, "ECONNRESET": 5 }. */
export function tally(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) {
    const label = a.status === 0 ? (a.error ?? 'no answer') : String(a.status);
    counts[label] = (counts[label] ?? 0) + 1;
  }
  return counts;
}

/** Prints one line of a scenario's report. */
export function report(scenario: string, line: string): void {
  console.log(`[faults] ${scenario}: ${line}`);
}

export const removeDir = (dir: string) => fs.rmSync(dir, { recursive: true, force: true });
