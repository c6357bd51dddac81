/**
 * A PostgreSQL server the scenario may restart. By default a private cluster (initdb into a temp
 * folder, run as the `postgres` user on a port of this run), so restarting it disturbs nobody; with
 * FAULTS_PG=machine, the machine's own cluster, restarted with pg_ctlcluster as an operator would.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postgresTestDatabase } from '../../../lib/db/testing';
import { faultsPort, sleep } from './server';

export interface RestartablePostgres {
  /** What this is, for the report. */
  description: string;
  /** A throw-away database on it. */
  databaseUrl: string;
  /** Stops the server and starts it again (after `downMs` for the private cluster). */
  restart(downMs: number): Promise<void>;
  /** Drops the database (and the private cluster). */
  dispose(): Promise<void>;
}

const run = (command: string, args: string[]) => execFileSync(command, args, { stdio: 'pipe' }).toString();
/** Runs a command without blocking this process, so the load keeps going while PostgreSQL stops and starts. */
const runAsync = (command: string, args: string[]) =>
  new Promise<void>((resolve, reject) => execFile(command, args, (error) => (error ? reject(error) : resolve())));

function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  return versions.map((v) => path.join(root, v, 'bin')).find((bin) => fs.existsSync(path.join(bin, 'initdb')));
}

/** Whether a PostgreSQL server can be had for the scenario here. */
export function postgresAvailable(): boolean {
  return process.env.FAULTS_PG === 'machine' || (process.getuid?.() === 0 && postgresBin() !== undefined);
}

async function waitReady(port: number): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      run('pg_isready', ['-h', '127.0.0.1', '-p', String(port), '-q']);
      return;
    } catch {
      await sleep(250);
    }
  }
  throw new Error(`PostgreSQL on port ${port} is not ready after 30 s`);
}

/** The PostgreSQL server for the restart scenario. */
export async function restartablePostgres(): Promise<RestartablePostgres> {
  if (process.env.FAULTS_PG === 'machine') return machineCluster();
  return privateCluster();
}

async function privateCluster(): Promise<RestartablePostgres> {
  const bin = postgresBin()!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-faults-pg-'));
  const data = path.join(dir, 'data');
  const port = await faultsPort();
  fs.chmodSync(dir, 0o755);
  run('chown', ['postgres:postgres', dir]);
  const asPostgres = (tool: string, args: string[]) => runAsync('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]);
  await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-instructions']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  const start = () => asPostgres('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-o', options, 'start']);
  const stop = () => asPostgres('pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop']);
  await start();
  await waitReady(port);
  const database = await postgresTestDatabase(`postgres://postgres@127.0.0.1:${port}/postgres`);
  return {
    description: `a private PostgreSQL cluster on port ${port} (pg_ctl stop -m fast, then start)`,
    databaseUrl: database.url,
    async restart(downMs) {
      await stop();
      await sleep(downMs);
      await start();
      await waitReady(port);
    },
    async dispose() {
      try {
        await stop();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

async function machineCluster(): Promise<RestartablePostgres> {
  const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const port = Number(new URL(serverUrl).port || 5432);
  const version = fs.readdirSync('/etc/postgresql')[0]!;
  const database = await postgresTestDatabase(serverUrl);
  return {
    description: `the machine's PostgreSQL ${version} (pg_ctlcluster ${version} main restart)`,
    databaseUrl: database.url,
    async restart() {
      try {
        await runAsync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'restart']);
      } finally {
        await waitReady(port);
      }
    },
    async dispose() {
      await waitReady(port);
      await database.drop();
    },
  };
}
