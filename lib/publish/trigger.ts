/**
 * Asking a running server to publish: the command line, the watch mode, the scheduling clock and a message from
 * another server all end in one signed POST /api/internal/publish, because refreshing Next's page cache needs a
 * request of Next's own around it. Signed with a key derived from the site's secret, so only those who hold it
 * (the operator's shell, the servers) can publish.
 */
import { env } from '../env';
import { signWithSecret, verifySignedJson } from '../secret';
import type { PublishReason, PublishReport } from './publisher';

const MAX_SKEW_MS = 5 * 60_000;
const REASONS: readonly PublishReason[] = ['command', 'watch', 'scheduled', 'peer'];

/** The body and signature of a publish request for `reason`. */
export function signPublishRequest(reason: PublishReason, now = Date.now()): { body: string; signature: string } {
  const body = JSON.stringify({ action: 'publish', reason, at: now });
  return { body, signature: signWithSecret('publish', body) };
}

/** The reason of a correctly signed, recent publish request; null for anything else. */
export function verifyPublishRequest(body: string, signature: string | null, now = Date.now()): PublishReason | null {
  const parsed = verifySignedJson('publish', body, signature, MAX_SKEW_MS, now);
  if (parsed?.action !== 'publish') return null;
  return REASONS.includes(parsed.reason as PublishReason) ? (parsed.reason as PublishReason) : null;
}

export type TriggerResult = { reached: true; status: number; report: PublishReport } | { reached: false; error: string };

/** Asks the server at `origin` to publish; waits for its report (a publish at 10,000 articles takes seconds). */
export async function requestPublish(origin: string, reason: PublishReason, timeoutMs = 120_000): Promise<TriggerResult> {
  const { body, signature } = signPublishRequest(reason);
  try {
    const response = await fetch(new URL('/api/internal/publish', origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signature },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const answer = (await response.json()) as PublishReport | { error?: { message?: string } };
    if ('ok' in answer) return { reached: true, status: response.status, report: answer };
    return { reached: false, error: `${response.status}: ${answer.error?.message ?? 'unexpected answer'}` };
  } catch (error) {
    return { reached: false, error: (error as Error).message };
  }
}

/** This server's own address, for its clock and its Redis listener (HOST 0.0.0.0 or :: listens on loopback too). */
export function ownOrigin(): string {
  const { HOST, PORT } = env();
  const host = ['0.0.0.0', '::', '[::]'].includes(HOST) ? '127.0.0.1' : HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${PORT}`;
}
