import fs from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latePublicImages } from './late-public-images.mjs';

const publicDir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-late-images-'));
fs.mkdirSync(path.join(publicDir, 'images'), { recursive: true });
fs.writeFileSync(path.join(publicDir, 'images', 'early.png'), 'early');
const handle = latePublicImages(publicDir);
let base = '';
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  if (!handle(req, res)) {
    res.statusCode = 418; // "left to Next"
    res.end();
  }
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  fs.rmSync(publicDir, { recursive: true, force: true });
});

describe('images published after the server started', () => {
  it('are served with their type; what existed at start is left to Next', async () => {
    fs.mkdirSync(path.join(publicDir, 'images', 'wp', '2024'), { recursive: true });
    fs.writeFileSync(path.join(publicDir, 'images', 'wp', '2024', 'late.jpg'), 'jpeg-bytes');
    const late = await fetch(`${base}/images/wp/2024/late.jpg`);
    expect(late.status).toBe(200);
    expect(late.headers.get('content-type')).toBe('image/jpeg');
    expect(await late.text()).toBe('jpeg-bytes');
    expect((await fetch(`${base}/images/early.png`)).status).toBe(418);
  });

  it('leave missing files, other types and other folders to Next', async () => {
    fs.writeFileSync(path.join(publicDir, 'images', 'note.svg'), '<svg/>');
    fs.writeFileSync(path.join(publicDir, 'secret.png'), 'x');
    for (const p of ['/images/missing.png', '/images/note.svg', '/secret.png', '/images/../secret.png']) {
      expect((await fetch(`${base}${p}`)).status, p).toBe(418);
    }
  });
});
