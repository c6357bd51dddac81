/**
 * Request lines no browser sends: the asterisk form (`OPTIONS *`), absolute-form targets naming this site or
 * another host, and targets that are no path at all. The server answers each itself, never redirects off the
 * site because of what a request line says, and logs no error or stack trace for any of them.
 */
import { expect, test } from '@playwright/test';
import { type Site, startSite } from '../lib/testing/server';
import { rawSocket, type SocketResult } from './support/raw-socket';

let server: Site;
test.beforeAll(async () => {
  server = await startSite({ env: { TRUST_PROXY: '0' } });
});
test.afterAll(async () => {
  await server?.stop();
});

/** Sends one request with this request line (and Host: the server) and reads the whole answer. */
const send = (requestLine: string, host = `127.0.0.1:${server.port}`): Promise<SocketResult> =>
  rawSocket(server.port, (socket) => socket.write(`${requestLine}\r\nHost: ${host}\r\nConnection: close\r\n\r\n`), 5_000);
const header = (result: SocketResult, name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(result.response)?.[1]?.trim();
const body = (result: SocketResult) => result.response.split('\r\n\r\n').slice(1).join('\r\n\r\n');

test('OPTIONS * answers 204 with the methods the site allows, and logs no error', async () => {
  const result = await send('OPTIONS * HTTP/1.1');
  expect(result.status, result.response).toBe(204);
  expect(header(result, 'Allow')).toBe('GET, HEAD, POST, OPTIONS');
  expect(server.log()).not.toMatch(/"level":"error"/);
});

test('an absolute-form request line naming another host is refused with 400, never redirected there', async () => {
  for (const line of ['GET http://evil.example/about HTTP/1.1', 'GET https://evil.example/articles/x?a=1 HTTP/1.1', `GET http://evil.example:${'1'}/ HTTP/1.1`]) {
    const result = await send(line);
    expect(result.status, `${line}: ${result.response.slice(0, 300)}`).toBe(400);
    expect(result.response, line).not.toMatch(/evil\.example/i);
    expect(header(result, 'Location'), line).toBeUndefined();
    expect(header(result, 'Refresh'), line).toBeUndefined();
  }
});

test('an absolute-form request line naming this site is served as its path, without a redirect loop', async () => {
  const result = await send(`GET http://127.0.0.1:${server.port}/about HTTP/1.1`);
  expect(result.status, result.response.slice(0, 300)).toBe(200);
  expect(body(result)).toContain('<h1');
  expect(header(result, 'Location')).toBeUndefined();
  const withQuery = await send(`GET http://127.0.0.1:${server.port}/search?q=uranium HTTP/1.1`);
  expect(withQuery.status).toBe(200);
  expect(body(withQuery)).toMatch(/uranium/i);
});

test('malformed request targets get 400 and no request line produces a stack trace or an error log line', async () => {
  const lines = [
    'GET * HTTP/1.1',
    'POST * HTTP/1.1',
    'GET http:// HTTP/1.1',
    'GET http://[::1/about HTTP/1.1',
    'GET ftp://127.0.0.1/about HTTP/1.1',
    `GET http://user:pw@127.0.0.1:${server.port}/about HTTP/1.1`,
    'GET about HTTP/1.1',
    'GET /%zz HTTP/1.1',
    'GET /api/comments?article=%ff HTTP/1.1',
    'OPTIONS /articles/kazakhstan-uranium-explained HTTP/1.1',
    'OPTIONS /api/comments HTTP/1.1',
  ];
  for (const line of lines) {
    const result = await send(line);
    expect(result.status, `${line}: ${result.response.slice(0, 300)}`).not.toBeNull();
    expect(result.status!, `${line}: ${result.response.slice(0, 300)}`).toBeLessThan(500);
    expect(result.response, line).not.toMatch(/\bat [\w.<>]+ \(|node:internal|TypeError|\/node_modules\//);
  }
  for (const line of lines.slice(0, 7)) expect((await send(line)).status, line).toBe(400);
  expect(server.log(), 'no error-level line in the server log').not.toMatch(/"level":"error"/);
});
