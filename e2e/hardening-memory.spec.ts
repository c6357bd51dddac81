/**
 * 2 GB of refused bodies against a server of its own whose memory we read (hostile input, with
 * hardening-input.spec.ts): each is refused (413/415/401) and hung up on without being read, and the server's
 * resident memory stays where it was.
 */
import { expect, test } from '@playwright/test';
import { startSite } from '../lib/testing/server';
import { pushBody, residentBytes } from './support/raw-socket';

const MB = 1024 * 1024;

test('2 GB of refused bodies (200 × 10 MB) leave the server’s memory where it was', async () => {
  test.setTimeout(180_000);
  const server = await startSite({ env: { TRUST_PROXY: '0' } });
  try {
    const url = (path: string) => new URL(path, `http://127.0.0.1:${server.port}`);
    const kinds = [
      { what: 'POST /api/comments JSON, declared', path: '/api/comments', method: 'POST', headers: { 'content-type': 'application/json' }, chunked: false, expected: 413 },
      { what: 'POST /api/comments JSON, chunked', path: '/api/comments', method: 'POST', headers: { 'content-type': 'application/json' }, chunked: true, expected: 413 },
      { what: 'POST /api/comments text/plain', path: '/api/comments', method: 'POST', headers: { 'content-type': 'text/plain' }, chunked: true, expected: 415 },
      { what: 'POST /api/auth/callback/credentials, chunked', path: '/api/auth/callback/credentials', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, chunked: true, expected: 413 },
      { what: 'PATCH /api/comments/x without a session', path: '/api/comments/x', method: 'PATCH', headers: { 'content-type': 'application/json' }, chunked: true, expected: 401 },
      { what: 'POST /api/internal/revalidate, chunked', path: '/api/internal/revalidate', method: 'POST', headers: { 'content-type': 'application/json' }, chunked: true, expected: 413 },
    ];
    const send = async (kind: (typeof kinds)[number], bytes: number) => {
      const result = await pushBody(url(kind.path), { method: kind.method, headers: kind.headers, bytes, chunked: kind.chunked });
      // When an answer arrives, it is the refusal (see below for the ones that do not).
      if (result.status !== null) expect(result.status, kind.what).toBe(kind.expected);
      return result;
    };
    // Warm up every path once, so lazily loaded code is not counted as growth.
    for (const kind of kinds) await send(kind, 10 * MB);
    const start = residentBytes(server.pid);
    let peak = start;
    const sampler = setInterval(() => (peak = Math.max(peak, residentBytes(server.pid))), 100);
    let sent = 0;
    const answers = new Map<string, string[]>();
    for (let i = 0; i < 200; i++) {
      const kind = kinds[i % kinds.length]!;
      const result = await send(kind, 10 * MB);
      sent += result.bytesWritten;
      answers.set(kind.what, [...(answers.get(kind.what) ?? []), `${result.status ?? 'closed'}/${(result.bytesWritten / MB).toFixed(1)}MB`]);
    }
    for (const [what, list] of answers) console.log(`[memory] ${what}: ${list.join(' ')}`);
    const answered = [...answers.values()].flat().filter((a) => !a.startsWith('closed')).length;
    clearInterval(sampler);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const end = residentBytes(server.pid);
    console.log(
      `[memory] 200 × 10 MB refused bodies (2000 MB offered): ${(sent / MB).toFixed(0)} MB taken by the server's socket before it hung up, ${answered} answered; ` +
        `RSS ${(start / MB).toFixed(1)} MB → ${(end / MB).toFixed(1)} MB (peak ${(peak / MB).toFixed(1)} MB)`,
    );
    // The server answers and hangs up without reading the rest; the answer can be lost when the
    // client is still writing at that moment (the reset drops it), but most arrive.
    expect(answered, 'most refused bodies got their refusal before the server hung up').toBeGreaterThan(100);
    expect(end - start, 'RSS growth after 2 GB of refused bodies').toBeLessThan(64 * MB);
    expect(peak - start, 'RSS growth at its peak').toBeLessThan(64 * MB);
    expect(server.log(), 'no request was logged as a server error').not.toMatch(/unhandled request error|POST \/api\/comments: [A-Z]|\[eurasian-star\] [^\n]*: Error/);
  } finally {
    await server.stop();
  }
});
