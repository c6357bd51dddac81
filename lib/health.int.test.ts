import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db/connect';
import { testEngines } from './db/testing';
import { checkHealth } from './health';

describe.each(testEngines)('checkHealth on a working store: $name', ({ name, make }) => {
  it('answers ok, naming the engine, after a real query', async () => {
    const database = await make();
    const handle = await database.open();
    try {
      const health = await checkHealth(async () => handle);
      expect(health).toMatchObject({ ok: true, store: name });
    } finally {
      await handle.close();
      await database.drop();
    }
  });
});

describe('checkHealth on a store that cannot answer', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-health-'));
  const silent: net.Server[] = [];
  const sockets: net.Socket[] = [];
  afterAll(() => {
    for (const socket of sockets) socket.destroy();
    for (const server of silent) server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports unavailable when nothing listens at the PostgreSQL address', async () => {
    const health = await checkHealth(() => openDatabase('postgres://postgres@127.0.0.1:1/nowhere'));
    expect(health).toEqual({ ok: false, reason: 'unavailable' });
  });

  it('reports a timeout when the PostgreSQL server accepts but never answers', async () => {
    const server = net.createServer((socket) => void sockets.push(socket)); // takes the connection, says nothing
    silent.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const started = performance.now();
    const health = await checkHealth(() => openDatabase(`postgres://postgres@127.0.0.1:${port}/silent`), 300);
    expect(health).toEqual({ ok: false, reason: 'timeout' });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('reports an error when the SQLite file is not a database', async () => {
    const file = path.join(dir, 'garbage.db');
    fs.writeFileSync(file, 'not a database '.repeat(512));
    const health = await checkHealth(() => openDatabase(`file:${file}`));
    expect(health.ok).toBe(false);
  });
});
