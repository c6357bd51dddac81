import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeStringBodies } from './string-body.mjs';

type Handler = (res: http.ServerResponse) => void;
const servers: http.Server[] = [];

/** A real HTTP server whose responses go through encodeStringBodies; resolves with the response bytes and headers. */
async function serve(handler: Handler, method = 'GET') {
  const server = http.createServer((_req, res) => {
    encodeStringBodies(res);
    handler(res);
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}/`, { method });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

// Over 65,535 UTF-16 units with characters outside Latin-1: the page shape that was slow as a string.
const page = `<!DOCTYPE html><p>Ташкент — Алматы</p>${'<p>Border guards reopened a hydropower tender — again.</p>'.repeat(1200)}`;

describe('encodeStringBodies', () => {
  it('hands Node a Buffer in place of a string', () => {
    const calls: unknown[][] = [];
    const res = { end: (...args: unknown[]) => calls.push(args) } as unknown as http.ServerResponse;
    encodeStringBodies(res);
    const callback = () => undefined;
    res.end(page);
    res.end('é', 'latin1', callback);
    res.end('ok', callback);
    const body = Buffer.from([1]);
    res.end(body);
    expect(Buffer.isBuffer(calls[0]![0]) && (calls[0]![0] as Buffer).equals(Buffer.from(page))).toBe(true);
    expect(calls[1]).toEqual([Buffer.from([0xe9]), callback]);
    expect(calls[2]).toEqual([Buffer.from('ok'), callback]);
    expect(calls[3]![0]).toBe(body);
  });

  it('sends a large non-Latin-1 page as its exact UTF-8 bytes, with the length Next sets', async () => {
    expect(page.length).toBeGreaterThan(65_535);
    const answer = await serve((res) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Content-Length', Buffer.byteLength(page));
      res.end(page);
    });
    expect(answer.status).toBe(200);
    expect(answer.bytes.equals(Buffer.from(page, 'utf8'))).toBe(true);
    expect(Number(answer.headers.get('content-length'))).toBe(answer.bytes.length);
  });

  it('sends a string body without a Content-Length the same way, Node counting its UTF-8 bytes', async () => {
    const answer = await serve((res) => res.end('Ўзбекистон'));
    expect(answer.bytes.toString('utf8')).toBe('Ўзбекистон');
    expect(answer.headers.get('content-length')).toBe('20');
  });

  it('honours an explicit encoding and calls the callback', async () => {
    let called = 0;
    const latin1 = await serve((res) => res.end('café', 'latin1', () => (called += 1)));
    expect([...latin1.bytes]).toEqual([0x63, 0x61, 0x66, 0xe9]);
    const hex = await serve((res) => res.end('4869', 'hex'));
    expect(hex.bytes.toString()).toBe('Hi');
    const withCallbackOnly = await serve((res) => res.end('ok', () => (called += 1)));
    expect(withCallbackOnly.bytes.toString()).toBe('ok');
    expect(called).toBe(2);
  });

  it('passes Buffers, no body and HEAD responses through unchanged', async () => {
    const buffer = await serve((res) => res.end(Buffer.from([0, 255, 1])));
    expect([...buffer.bytes]).toEqual([0, 255, 1]);
    const empty = await serve((res) => {
      res.statusCode = 204;
      res.end();
    });
    expect(empty.status).toBe(204);
    expect(empty.bytes.length).toBe(0);
    const head = await serve((res) => {
      res.setHeader('Content-Length', '5');
      res.end(null);
    }, 'HEAD');
    expect(head.headers.get('content-length')).toBe('5');
    expect(head.bytes.length).toBe(0);
  });

  it('leaves an unknown encoding to Node, which refuses it', async () => {
    let error: unknown;
    await serve((res) => {
      try {
        res.end('x', 'no-such-encoding' as BufferEncoding);
      } catch (caught) {
        error = caught;
      }
      res.destroy();
    }).catch(() => undefined);
    expect(error).toMatchObject({ code: 'ERR_UNKNOWN_ENCODING' });
  });
});
