import { NextRequest } from 'next/server';
import { AppError } from '../errors';
import { parseBody, readBody } from '../http/body';

/** Largest body next-auth's endpoints take: a sign-in or sign-out form is a few hundred bytes. */
export const MAX_AUTH_BODY_BYTES = 8 * 1024;

/**
 * next-auth reads POST bodies itself, whole and unbounded, and answers a body that claims JSON but
 * is not with a 500. Read it here first: 413 over the limit, 400 for bytes that are not UTF-8 or for
 * JSON that is not an object; then hand next-auth a request that carries the checked text.
 */
export async function boundedAuthRequest(request: NextRequest): Promise<NextRequest> {
  if (request.method !== 'POST') return request;
  const text = await readBody(request, MAX_AUTH_BODY_BYTES);
  // next-auth parses as JSON any content type that merely contains "application/json".
  if ((request.headers.get('content-type') ?? '').includes('application/json')) {
    const value = parseBody('json', text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AppError('invalid_input', { message: 'Send a JSON object.' });
  }
  const headers = new Headers(request.headers);
  headers.delete('content-length');
  headers.delete('transfer-encoding');
  return new NextRequest(request.url, { method: 'POST', headers, body: text });
}
