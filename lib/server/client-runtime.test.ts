import { createServer, type ServerResponse } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import compression from 'compression';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWithoutClientRuntime, withoutClientRuntime } from './client-runtime.mjs';

const PAGE = [
  '<!DOCTYPE html><html lang="en"><head><link rel="stylesheet" href="/a.css"><link rel="preload" href="/b.js" as="script"><link rel="modulepreload" href="/m.js">',
  '<link rel="preload" as="font" href="/f.woff2" crossorigin=""><script src="/b.js" async=""></script><script async="" src="/reader.js?v=0123456789ab"></script></head>',
  '<body><p>text</p><script>self.__next_f.push([1,"<p>x<\\/p>"])</script><script type="module">import "/m.js"</script>',
  '<script type="application/ld+json">{"@type":"NewsArticle"}</script><SCRIPT type="text/javascript">x()</SCRIPT></body></html>',
].join('');
const STRIPPED =
  '<!DOCTYPE html><html lang="en"><head><link rel="stylesheet" href="/a.css"><link rel="preload" as="font" href="/f.woff2" crossorigin="">' +
  '<script async="" src="/reader.js?v=0123456789ab"></script></head><body><p>text</p><script type="application/ld+json">{"@type":"NewsArticle"}</script></body></html>';

/** Over compression's 1 KB threshold, with multi-byte characters to cut through. */
const LONG_TEXT = `<p>${'текст '.repeat(200)}</p>`;

describe('withoutClientRuntime', () => {
  it("takes out every script a browser runs and every script preload, and keeps the site's reader script, data blocks, styles and markup", () => {
    expect(withoutClientRuntime(PAGE)).toEqual({ html: STRIPPED, removed: 6 });
  });

  it('leaves a page with nothing to take out as it is', () => {
    const html = '<html><head><title>t</title></head><body><script type="application/ld+json">{}</script></body></html>';
    expect(withoutClientRuntime(html)).toEqual({ html, removed: 0 });
  });
});

describe('sendWithoutClientRuntime, on a real server in front of compression (as server.mjs)', () => {
  /** How the handler answers: a page in one end(), a page in parts as Next streams one, JSON, or a HEAD answer. */
  const answers: Record<string, (res: ServerResponse) => void> = {
    '/whole': (res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.setHeader('content-length', Buffer.byteLength(PAGE));
      res.end(PAGE);
    },
    '/streamed': (res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.flushHeaders();
      // Split inside a script element and inside a multi-byte character: the page is rewritten whole.
      const bytes = Buffer.from(PAGE.replace('<p>text</p>', LONG_TEXT));
      const cut = bytes.indexOf(Buffer.from('текст')) + 1;
      res.write(bytes.subarray(0, 40));
      res.write(bytes.subarray(40, cut));
      res.write(bytes.subarray(cut));
      res.end();
    },
    // As a not-found answer Next rewrote from proxy.ts goes out: the page in one end(), and what the layers inside
    // make of it written back through res.write, then ended again.
    '/rewritten': (res) => {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(PAGE.replace('<p>text</p>', LONG_TEXT));
    },
    // As Next pipes back a not-found answer that proxy.ts rewrote: fetched from this server, already compressed.
    '/proxied': (res) => {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.setHeader('content-encoding', 'gzip');
      const body = gzipSync(PAGE);
      res.write(body.subarray(0, 10));
      res.end(body.subarray(10));
    },
    '/json': (res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"html":"<script>x()</script>"}');
    },
  };
  let origin = '';
  const server = createServer((req, res) => {
    compression()(req as never, res as never, () => undefined);
    if (req.url === '/rewritten') {
      // A layer between compression and this one that sends what it is given through the response's current write.
      const end = res.end;
      res.end = function (this: ServerResponse, chunk?: unknown) {
        if (chunk === undefined) return Reflect.apply(end, this, []);
        this.write(chunk as Buffer);
        return this.end();
      } as ServerResponse['end'];
    }
    sendWithoutClientRuntime(res);
    answers[req.url ?? '']!(res);
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => server.close());

  it('sends a page given in one end() without the runtime, with the right Content-Length', async () => {
    const response = await fetch(`${origin}/whole`, { headers: { 'accept-encoding': 'identity' } });
    const text = await response.text();
    expect(text).toBe(STRIPPED);
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(STRIPPED)));
  });

  it('gathers a page sent in parts (flushHeaders, writes, end) and sends it rewritten whole, gzipped when asked', async () => {
    const raw = await new Promise<Buffer>((resolve, reject) => {
      import('node:http').then(({ get }) =>
        get(`${origin}/streamed`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (part: Buffer) => parts.push(part));
          res.on('end', () => (res.headers['content-encoding'] === 'gzip' ? resolve(Buffer.concat(parts)) : reject(new Error(`not gzipped: ${JSON.stringify(res.headers)}`))));
        }).on('error', reject),
      );
    });
    expect(gunzipSync(raw).toString('utf8')).toBe(STRIPPED.replace('<p>text</p>', LONG_TEXT));
  });

  it('lets the layers inside write the page back once it is handed on, Brotli-compressed as a browser asks', async () => {
    const response = await fetch(`${origin}/rewritten`, { headers: { 'accept-encoding': 'br' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(await response.text()).toBe(STRIPPED.replace('<p>text</p>', LONG_TEXT));
  });

  it('passes an HTML answer that is already compressed through untouched', async () => {
    const response = await fetch(`${origin}/proxied`);
    expect(response.status).toBe(404);
    expect(await response.text(), 'decoded by fetch: the bytes as they were').toBe(PAGE);
  });

  it('passes anything that is not HTML through untouched, and a HEAD answer too', async () => {
    expect(await (await fetch(`${origin}/json`)).text()).toBe('{"html":"<script>x()</script>"}');
    const head = await fetch(`${origin}/whole`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
