import { type NextRequest, NextResponse } from 'next/server';
import { csrfCookieName, csrfCookieOptions, csrfTokenFromCookie, newCsrfCookie } from '@/lib/auth/csrf-cookie';
import { onDemandPathExists } from '@/lib/on-demand';

/** Next's draft-mode cookie (set by /api/draft for a signed-in editor). */
const DRAFT_MODE_COOKIE = '__prerender_bypass';

/**
 * Answers made-up addresses under the on-demand routes (deep list pages, older articles' cards and hero crops) with the 404 page
 * before a route renders them: Next.js would otherwise cache each such 404 on disk for good. Not an access check:
 * every route still decides for itself what it shows.
 */
export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname === SIGN_IN_PAGE) return withSignInCsrfCookie(request);
  if (onDemandPathExists(request.nextUrl.pathname)) return NextResponse.next();
  // An editor's draft preview (draft mode) renders per request and caches nothing: the page itself checks who asks.
  if (request.nextUrl.pathname.startsWith('/articles/') && request.cookies.has(DRAFT_MODE_COOKIE)) return NextResponse.next();
  return NextResponse.rewrite(new URL('/_not-found', request.url), { status: 404 });
}

const SIGN_IN_PAGE = '/editor/login';

/**
 * The sign-in page is a plain form that posts to next-auth with its CSRF token (no JavaScript needed):
 * a visitor without a valid CSRF cookie gets one here, and the page renders the token it carries.
 */
function withSignInCsrfCookie(request: NextRequest): NextResponse {
  const name = csrfCookieName();
  if (csrfTokenFromCookie(request.cookies.get(name)?.value)) return NextResponse.next();
  const { value } = newCsrfCookie();
  // The page reads the cookie from this request: hand it the new one, replacing any forged or stale value.
  request.cookies.set(name, value);
  const response = NextResponse.next({ request: { headers: new Headers(request.headers) } });
  response.cookies.set(name, value, csrfCookieOptions());
  return response;
}

export const config = {
  // '/editor/login' is SIGN_IN_PAGE: Next reads this list without running the module, so it must be literal.
  matcher: ['/editor/login', '/articles/:path*', '/page/:path*', '/category/:path*', '/tag/:path*', '/author/:path*', '/archive/:path*', '/og/:path*', '/hero/:path*'],
};
