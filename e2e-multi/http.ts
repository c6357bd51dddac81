/** A small HTTP client for the multi-server test: readers posting comments, an editor signing in and moderating. */
import { randomInt } from 'node:crypto';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** One request, never following redirects. */
export async function request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** A client address of its own (198.18.0.0/15, the benchmarking range): instances run with TRUST_PROXY=1. */
export const randomIp = () => `198.${18 + randomInt(2)}.${randomInt(256)}.${1 + randomInt(254)}`;

export interface Reader {
  name: string;
  email: string;
  ip: string;
}

let readers = 0;
/** A first-time commenter: their comments are held for moderation. */
export function newReader(run: string): Reader {
  readers += 1;
  return { name: `Reader ${run} ${readers}`, email: `reader-${run}-${readers}@example.com`, ip: randomIp() };
}

/** POST /api/comments as JSON to `base`, with a fresh form token from the same server. */
export async function postComment(base: string, article: string, reader: Reader, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const tokenAnswer = await request(`${base}/api/comments/token`, { headers: { 'x-forwarded-for': reader.ip, ...headers } });
  if (tokenAnswer.status !== 200) throw new Error(`GET ${base}/api/comments/token answered ${tokenAnswer.status}: ${tokenAnswer.text}`);
  const { token } = JSON.parse(tokenAnswer.text) as { token: string };
  return request(`${base}/api/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': reader.ip, ...headers },
    body: JSON.stringify({ article, name: reader.name, email: reader.email, body, token, address: '' }),
  });
}

/** Cookies as a client keeps them: name → value, from Set-Cookie answers. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }

  get header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  has(name: string): boolean {
    return Boolean(this.cookies.get(name));
  }
}

/**
 * Signs in at `base` the way next-auth's signIn() does: CSRF token, then the credentials callback
 * (json=true). Returns next-auth's error (CredentialsSignin, the throttle message) or null on success.
 */
export async function signIn(base: string, jar: CookieJar, email: string, password: string, ip = randomIp()): Promise<string | null> {
  const csrf = await request(`${base}/api/auth/csrf`, { headers: { 'x-forwarded-for': ip, cookie: jar.header } });
  jar.store(csrf.headers);
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const answer = await request(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip, cookie: jar.header },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/editor`, json: 'true' }).toString(),
  });
  jar.store(answer.headers);
  const target = answer.headers.get('location') ?? (JSON.parse(answer.text || '{}') as { url?: string }).url ?? '';
  return new URL(target, base).searchParams.get('error');
}

/** Signs out at `base` the way next-auth's signOut() does: CSRF token, then POST /api/auth/signout (json=true). */
export async function signOut(base: string, jar: CookieJar): Promise<void> {
  const csrf = await request(`${base}/api/auth/csrf`, { headers: { cookie: jar.header } });
  jar.store(csrf.headers);
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const answer = await request(`${base}/api/auth/signout`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${base}/editor/login`, json: 'true' }).toString(),
  });
  if (answer.status !== 200) throw new Error(`POST ${base}/api/auth/signout answered ${answer.status}: ${answer.text}`);
  jar.store(answer.headers);
}
