import 'server-only';
import { NextRequest } from 'next/server';
import { AppError } from '../errors';
import { parseBody, readBody } from '../http/body';
import { errorResponse } from '../http/errors';
import { SIGN_IN_UNAVAILABLE } from './options';

/**
 * Answers, before next-auth runs, the requests to its endpoints that this site never makes, or null for
 * the rest. `/_log` is next-auth's client logger: it writes whatever an anonymous client posts into the
 * server log (404: the site's client does not use it). A credentials sign-in is a POST; next-auth answers
 * any other method on that callback with a 500 (405 with Allow: POST).
 */
export function refuseUnusedAuthEndpoint(method: string, segments: readonly string[] | undefined): Response | null {
  const [action, provider] = segments ?? [];
  if (action === '_log') return errorResponse(new AppError('not_found'));
  if (action === 'callback' && provider === 'credentials' && method !== 'POST') {
    const response = errorResponse(new AppError('method_not_allowed'));
    response.headers.set('Allow', 'POST');
    return response;
  }
  return null;
}

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

/**
 * next-auth answers an `authorize` that throws with a 401 naming the message. When the sign-in counters
 * are unreachable (SIGN_IN_UNAVAILABLE) the honest answer is a 503 with Retry-After: the JSON answer
 * next-auth's signIn() reads gets that status, its body unchanged (the login form shows the message).
 */
export async function unavailableAsServiceUnavailable(response: Response): Promise<Response> {
  if (response.status !== 401 || !(response.headers.get('content-type') ?? '').includes('application/json')) return response;
  const text = await response.text();
  let target = '';
  try {
    target = String((JSON.parse(text) as { url?: unknown }).url ?? '');
  } catch {
    // Not next-auth's { url } answer.
  }
  const unavailable = target !== '' && URL.canParse(target, 'http://x') && new URL(target, 'http://x').searchParams.get('error') === SIGN_IN_UNAVAILABLE;
  const headers = new Headers(response.headers);
  if (unavailable) headers.set('Retry-After', '5');
  return new Response(text, { status: unavailable ? 503 : response.status, headers });
}

/** The error code the sign-in page shows SIGN_IN_FORM_EXPIRED for. */
export const FORM_EXPIRED = 'FormExpired';

/**
 * next-auth answers a plain form post whose CSRF token does not match its cookie (a sign-in page left open
 * across a browser restart) with a redirect to its own sign-in route, which lands on the sign-in page
 * without a word. Send it to the sign-in page with ?error=FormExpired instead, so the editor is told why.
 */
export function expiredFormAsSignInError(response: Response): Response {
  const location = response.headers.get('location');
  if (response.status !== 302 || !location || !URL.canParse(location, 'http://x')) return response;
  const target = new URL(location, 'http://x');
  if (target.pathname !== '/api/auth/signin' || target.searchParams.get('csrf') !== 'true') return response;
  const headers = new Headers(response.headers);
  headers.set('location', `/editor/login?error=${FORM_EXPIRED}`);
  return new Response(response.body, { status: 302, headers });
}

