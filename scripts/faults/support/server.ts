/**
 * The fault scenarios' harness: a real `node server.mjs` on the worktree's production build (started by the
 * project's one harness, lib/testing/server.ts), on a port of its own, and a plain HTTP client that reports every answer — or the network error — as data.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { freePort, startSite } from '../../../lib/testing/server';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Where the scenarios' servers listen: FAULTS_PORT (default 3500) and the next 99 ports. */
const BASE_PORT = Number(process.env.FAULTS_PORT ?? 3500);

/** A free port in this run's range, so a server from another run or helper is never answered by mistake. */
export const faultsPort = (): Promise<number> => freePort({ from: BASE_PORT, to: BASE_PORT + 99 });

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

/**
 * Starts `node server.mjs` (lib/testing/server.ts) with the given environment and nothing of this process's own,
 * and waits until it is ready.
 */
export async function startServer(env: Record<string, string>, port?: number): Promise<RunningServer> {
  const site = await startSite({ port: port ?? (await faultsPort()), inheritEnv: false, env: { TRUST_PROXY: '1', ...env } });
  return {
    port: site.port,
    base: site.url,
    process: site.process,
    log: site.log,
    exited: site.exited,
    stop: (signal, timeoutMs = 30_000) => site.stop({ signal, timeoutMs }),
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
