import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { bodyKind, DRAIN_LIMIT, drainBody, MAX_JSON_DEPTH, parseBody, readBody, readJsonBody } from './body';

const post = (body: BodyInit | null, contentType?: string) =>
  new Request('http://site.example/api', { method: 'POST', body, headers: contentType ? { 'content-type': contentType } : {}, duplex: 'half' } as RequestInit);

/** The AppError a call throws (sync or async), or undefined. */
async function refusal(run: () => unknown): Promise<AppError | undefined> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  return undefined;
}

describe('bodyKind', () => {
  it('takes JSON and URL-encoded forms, whatever the case of the type or a UTF-8 charset', () => {
    expect(bodyKind(post('{}', 'Application/JSON'))).toBe('json');
    expect(bodyKind(post('{}', 'application/json; charset="UTF-8"'))).toBe('json');
    expect(bodyKind(post('', 'application/x-www-form-urlencoded; charset=utf-8'))).toBe('form');
  });

  it('refuses other types and other charsets with 415', async () => {
    for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/json-patch+json', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded; charset=windows-1251', '']) {
      expect((await refusal(() => bodyKind(post('{}', type))))?.status, type).toBe(415);
    }
    expect((await refusal(() => readJsonBody(post('{}', 'application/json; charset=iso-8859-1'), 100)))?.message).toMatch(/UTF-8/);
  });
});

describe('readBody', () => {
  it('refuses a UTF-8 byte order mark, UTF-16 and invalid UTF-8 with 400', async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]);
    expect((await refusal(() => readBody(post(bom, 'application/json'), 100)))?.message).toMatch(/byte order mark/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}', 'utf16le')]);
    expect((await refusal(() => readBody(post(utf16, 'application/json'), 100)))?.message).toMatch(/not valid UTF-8/);
    expect((await refusal(() => readBody(post(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), 'application/json'), 100)))?.status).toBe(400);
  });

  it('refuses a body over the limit with 413', async () => {
    expect((await refusal(() => readBody(post('x'.repeat(101), 'application/json'), 100)))?.status).toBe(413);
  });

  /** A body of `chunks` 64 KB pieces (endless when Infinity) that counts what was read of it. */
  function countedBody(chunks: number) {
    const seen = { pulled: 0, cancelled: false };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (seen.pulled >= chunks) return controller.close();
        seen.pulled += 1;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
      cancel() {
        seen.cancelled = true;
      },
    }, { highWaterMark: 0 });
    return { seen, request: new Request('http://site.example/api', { method: 'POST', body, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit) };
  }

  it('reads the rest of a refused body before answering 413, so the client gets the answer and not a reset', async () => {
    const { seen, request } = countedBody(16); // 1 MB, chunked
    expect((await refusal(() => readBody(request, 100)))?.status).toBe(413);
    expect(seen.pulled).toBe(16);
  });

  it('stops draining an endless body after DRAIN_LIMIT bytes, and a stalled one after DRAIN_LIMIT ms', async () => {
    const endless = countedBody(Infinity);
    expect((await refusal(() => readBody(endless.request, 100)))?.status).toBe(413);
    expect(endless.seen.pulled * 64 * 1024).toBeLessThanOrEqual(DRAIN_LIMIT.bytes + 2 * 64 * 1024);
    expect(endless.seen.cancelled).toBe(true);

    let cancelled = false;
    const stalled = new ReadableStream<Uint8Array>({ pull: () => new Promise<void>(() => undefined), cancel: () => void (cancelled = true) });
    const started = Date.now();
    await drainBody(stalled.getReader(), { bytes: DRAIN_LIMIT.bytes, ms: 200 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(cancelled).toBe(true);
  });
});

describe('parseBody', () => {
  it('refuses a JSON key sent twice, at any depth, naming it', async () => {
    expect((await refusal(() => parseBody('json', '{"name":"A","body":"x","name":"B"}')))?.fields).toEqual({ name: 'This field was sent more than once.' });
    expect((await refusal(() => parseBody('json', '[{"a":{"b":1,"b":2}}]')))?.fields).toEqual({ b: 'This field was sent more than once.' });
    expect(parseBody('json', '{"a":{"b":1},"c":{"b":2}}')).toEqual({ a: { b: 1 }, c: { b: 2 } });
  });

  it(`refuses JSON nested more than ${MAX_JSON_DEPTH} levels with 400, however deep`, async () => {
    const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(parseBody('json', nested(MAX_JSON_DEPTH))).toBeDefined();
    for (const n of [MAX_JSON_DEPTH + 1, 8000]) expect((await refusal(() => parseBody('json', nested(n))))?.code).toBe('invalid_json');
    expect((await refusal(() => parseBody('json', `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`)))?.code).toBe('invalid_json');
  });

  it('refuses a repeated form field', async () => {
    expect((await refusal(() => parseBody('form', 'a=1&a=2')))?.fields).toEqual({ a: 'This field was sent more than once.' });
  });
});
