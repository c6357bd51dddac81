/**
 * The one way every test tier and benchmark starts the site: `node server.mjs` from a production build, on a port of
 * its own, with the given environment and data folder. Used by the Playwright specs that need a server of their own,
 * the fault scenarios (vitest), the multi-instance suite and the benchmark scripts.
 *
 * Ready means one thing everywhere: the server printed its `{"msg":"ready"}` line and `GET /api/health` answered
 * (200, or the status a scenario that starts the site with its store down on purpose expects).
 */
import { type ChildProcess, spawn, type StdioOptions } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The project root: where server.mjs and the build (.next) are, unless a site copy's folder is given. */
// __dirname, not import.meta: Playwright loads this module as CommonJS (vitest and tsx provide both).
export const PROJECT_ROOT = path.resolve(__dirname, '../..');

/**
 * A TCP port nothing listens on at 127.0.0.1: any the system hands out, or the first free one in [from, to] (a run
 * that keeps to its own range never answers another run's server by mistake).
 */
export async function freePort(range?: { from: number; to: number }): Promise<number> {
  if (!range) {
    return new Promise((resolve, reject) => {
      const probe = net.createServer().once('error', reject);
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
  }
  for (let port = range.from; port <= range.to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer().once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${range.from}–${range.to}`);
}

export interface SiteOptions {
  /** Where server.mjs and .next are (a site copy, a bench build); the project root by default. */
  cwd?: string;
  /** Set on top of the process's own environment (or on top of PATH alone, with `inheritEnv: false`). */
  env?: Record<string, string | undefined>;
  /** false: the server sees only PATH, the defaults below and `env` — nothing of the test process's own settings. */
  inheritEnv?: boolean;
  /** The port to listen on; a free one by default. */
  port?: number;
  /**
   * The data folder (DATA_DIR): one the caller owns, or by default a new temporary one that stop() removes. A
   * DATA_DIR in `env` counts as the caller's.
   */
  dataDir?: string;
  /** Written to this file instead of kept in memory: for servers under load, whose request lines would pile up. */
  logFile?: string;
  /** The status /api/health must answer for the site to count as ready (503: a scenario with its store down). */
  healthStatus?: number;
  readyTimeoutMs?: number;
}

export interface StopResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** From the signal to the exit. */
  ms: number;
}

export interface Site {
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  pid: number;
  process: ChildProcess;
  dataDir: string;
  /** Everything the server printed so far (stdout and stderr, in order). */
  log(): string;
  /** stdout alone (the JSON log lines) and stderr alone; both empty with `logFile`. */
  stdout(): string;
  stderr(): string;
  /** The server's exit, whenever it comes. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (SIGTERM by default), then SIGKILL after `timeoutMs`; removes a data folder the harness made. */
  stop(options?: { signal?: NodeJS.Signals; timeoutMs?: number }): Promise<StopResult>;
}

const READY_LINE = /"msg":"ready"/;

/** Starts the site and resolves once it is ready; throws with the server's log when it exits or times out first. */
export async function startSite(options: SiteOptions = {}): Promise<Site> {
  const port = options.port ?? (await freePort());
  const ownsDataDir = !options.dataDir && !options.env?.DATA_DIR;
  const dataDir = options.dataDir ?? options.env?.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'es-site-'));
  const base = options.inheritEnv === false ? { PATH: process.env.PATH ?? '/usr/bin:/bin' } : process.env;
  const env: NodeJS.ProcessEnv = {
    ...base,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    HOST: '127.0.0.1',
    ...options.env,
    PORT: String(port),
    DATA_DIR: dataDir,
  };
  const logFd = options.logFile ? fs.openSync(options.logFile, 'a') : undefined;
  const stdio: StdioOptions = logFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd];
  const child: ChildProcess = spawn(process.execPath, ['server.mjs'], { cwd: options.cwd ?? PROJECT_ROOT, env, stdio });
  if (logFd !== undefined) fs.closeSync(logFd);
  let output = '';
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    stderr += chunk.toString('utf8');
  });
  const log = () => (options.logFile ? fs.readFileSync(options.logFile, 'utf8') : output);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;

  const stop = async ({ signal = 'SIGTERM' as NodeJS.Signals, timeoutMs = 15_000 } = {}): Promise<StopResult> => {
    const started = Date.now();
    let result: { code: number | null; signal: NodeJS.Signals | null };
    if (child.exitCode !== null || child.signalCode !== null) result = await exited;
    else {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      result = await exited;
      clearTimeout(timer);
    }
    if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    return { ...result, ms: Date.now() - started };
  };

  const healthStatus = options.healthStatus ?? 200;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  let lastHealth = 'no answer';
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await exited;
      if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`server.mjs on port ${port} exited while starting (${child.exitCode ?? child.signalCode}):\n${log()}`);
    }
    if (READY_LINE.test(log())) {
      const status = await healthAnswer(url);
      if (status === healthStatus) break;
      lastHealth = String(status || 'no answer');
    }
    if (Date.now() > deadline) {
      await stop({ signal: 'SIGKILL' });
      throw new Error(`server.mjs on port ${port} was not ready in time (/api/health: ${lastHealth}, wanted ${healthStatus}):\n${log()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, url, pid: child.pid!, process: child, dataDir, log, stdout: () => stdout, stderr: () => stderr, exited, stop };
}

/** The status of one GET /api/health on a fresh connection, or 0 when nothing answered. */
function healthAnswer(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(`${url}/api/health`, { agent: false, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}
