/**
 * The cluster under test: one production build, two `node server.mjs` instances sharing a throw-away
 * PostgreSQL database, a Redis key prefix and the secret, and nginx in front with deploy/nginx.conf.
 * Everything lives in a temp folder and is removed by stop().
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@redis/client';
import { postgresTestDatabase, type TestDatabase } from '../lib/db/testing';
import { startSite } from '../lib/testing/server';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface Instance {
  name: string;
  url: string;
  process: ChildProcess;
  log: string;
}

export interface Cluster {
  a: Instance;
  b: Instance;
  /** nginx in front of both: the public address (SITE_URL). */
  edge: string;
  env: Record<string, string>;
  /** The content folder both instances read (a copy of the project's, CONTENT_DIR): a test may publish into it. */
  contentDir: string;
  /** Seconds nginx keeps a page (proxy_cache_valid in deploy/nginx.conf). */
  edgeCacheSeconds: number;
  stop(): Promise<void>;
}

/** nginx from PATH or Debian's place; the multi-server test needs it (`apt-get install -y nginx`). */
export function findNginx(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (fs.existsSync(candidate)) return candidate;
  try {
    return execFileSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('nginx is not installed: run `apt-get install -y nginx` (the multi-server test puts it in front of two instances)');
  }
}

/** deploy/nginx.conf with its ${NAME} placeholders filled in, as envsubst would. */
export function renderNginxSite(values: Record<string, string>): string {
  const template = fs.readFileSync(path.join(ROOT, 'deploy/nginx.conf'), 'utf8');
  return template.replace(/\$\{([A-Z_0-9]+)\}/g, (whole, name: string) => {
    if (!(name in values)) throw new Error(`deploy/nginx.conf: no value for \${${name}}`);
    return values[name]!;
  });
}

/** The TTL nginx gives pages, read from the configuration the test runs. */
export function edgeCacheSeconds(site: string): number {
  const match = /location \/ \{[^}]*proxy_cache_valid 200 (\d+)s;/s.exec(site);
  if (!match) throw new Error('deploy/nginx.conf: no `proxy_cache_valid 200 <n>s` in `location /`');
  return Number(match[1]);
}

async function waitForHttp(url: string, child: ChildProcess | undefined, log: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode}); log:\n${fs.readFileSync(log, 'utf8')}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      // Read the body: a response left unread keeps its connection out of the client's idle-timeout bookkeeping.
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s; log:\n${fs.readFileSync(log, 'utf8')}`);
}

/** One instance of the site (lib/testing/server.ts), its log in `dir`; resolves once it is ready. */
async function startInstance(name: string, port: number, env: Record<string, string>, dir: string): Promise<Instance> {
  const log = path.join(dir, `${name}.log`);
  const site = await startSite({ port, env, logFile: log });
  return { name, url: site.url, process: site.process, log };
}

function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/** Removes every Redis key under `prefix` (the run's own; nothing else is touched). */
async function dropRedisPrefix(url: string, prefix: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (keys.length) await client.del(keys);
  client.destroy();
}

/**
 * Builds (unless TEST_MULTI_REUSE_BUILD=1 and a build with the same settings exists) and starts the cluster.
 * Ports: nginx on `basePort`, the instances on basePort + 1 and + 2.
 */
export async function startCluster(basePort: number): Promise<Cluster> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
  const nginx = findNginx();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-multi-'));
  const edge = `http://127.0.0.1:${basePort}`;
  let database: TestDatabase | undefined;
  const started: ChildProcess[] = [];
  const prefix = `es-multi-${randomBytes(4).toString('hex')}:`;
  // If this process dies before stop(), its servers and nginx must not outlive it.
  process.once('exit', () => started.forEach((child) => child.exitCode === null && child.kill('SIGKILL')));

  const stop = async () => {
    await Promise.all(started.map((child) => stopProcess(child)));
    await database?.drop().catch((error: unknown) => console.warn(`dropping the test database failed: ${String(error)}`));
    await dropRedisPrefix(redisUrl, prefix).catch((error: unknown) => console.warn(`clearing Redis ${prefix}* failed: ${String(error)}`));
    if (!process.env.TEST_MULTI_KEEP_LOGS) fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    database = await postgresTestDatabase(serverUrl);
    // Each server has the same content/ (the operator's deploy copies it); here both read one copy.
    const contentDir = path.join(dir, 'content');
    fs.cpSync(path.join(ROOT, 'content'), contentDir, { recursive: true });
    const env: Record<string, string> = {
      CONTENT_DIR: contentDir,
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      SITE_URL: edge,
      SITE_ORIGIN: edge,
      TRUST_PROXY: '1',
      DATA_DIR: path.join(dir, 'data'),
    };
    if (!process.env.TEST_MULTI_REUSE_BUILD) {
      console.log(`[multi] npm run build (DATABASE_URL=${database.url}, REDIS_URL=${redisUrl})`);
      execFileSync('npm', ['run', 'build'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    }
    const instances = await Promise.allSettled([startInstance('a', basePort + 1, env, dir), startInstance('b', basePort + 2, env, dir)]);
    for (const instance of instances) if (instance.status === 'fulfilled') started.push(instance.value.process);
    const failed = instances.find((instance) => instance.status === 'rejected');
    if (failed) throw failed.reason;
    const [a, b] = instances.map((instance) => (instance as PromiseFulfilledResult<Instance>).value);
    if (!a || !b) throw new Error('the cluster needs two instances');

    const site = renderNginxSite({ LISTEN: `127.0.0.1:${basePort}`, APP_1: `127.0.0.1:${basePort + 1}`, APP_2: `127.0.0.1:${basePort + 2}`, CACHE_DIR: path.join(dir, 'cache') });
    fs.writeFileSync(path.join(dir, 'site.conf'), site);
    // The smallest main configuration around the site file; workers run as this user, temp files stay in `dir`.
    const user = os.userInfo().username;
    fs.writeFileSync(
      path.join(dir, 'nginx.conf'),
      [
        ...(process.getuid?.() === 0 ? [`user ${user};`] : []),
        'worker_processes 1;',
        `pid ${path.join(dir, 'nginx.pid')};`,
        `error_log ${path.join(dir, 'nginx-error.log')} warn;`,
        'events { worker_connections 256; }',
        'http {',
        `  access_log ${path.join(dir, 'nginx-access.log')};`,
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${path.join(dir, `${kind}-temp`)};`),
        `  include ${path.join(dir, 'site.conf')};`,
        '}',
      ].join('\n'),
    );
    const nginxLog = path.join(dir, 'nginx-error.log');
    execFileSync(nginx, ['-t', '-q', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'inherit', 'inherit'] });
    const proxy = spawn(nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
    started.push(proxy);

    fs.writeFileSync(nginxLog, '', { flag: 'a' });
    await waitForHttp(`${edge}/robots.txt`, proxy, nginxLog);
    return { a, b, edge, env, contentDir, edgeCacheSeconds: edgeCacheSeconds(site), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
