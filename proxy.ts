import { type NextRequest, NextResponse } from 'next/server';
import { onDemandPathExists } from '@/lib/on-demand';

/** Next's draft-mode cookie (set by /api/draft for a signed-in editor). */
const DRAFT_MODE_COOKIE = '__prerender_bypass';

/**
 * Answers made-up addresses under the on-demand routes (deep list pages, older articles' cards and hero crops) with the 404 page
 * before a route renders them: Next.js would otherwise cache each such 404 on disk for good. Not an access check:
 * every route still decides for itself what it shows.
 */
export function proxy(request: NextRequest) {
  if (onDemandPathExists(request.nextUrl.pathname)) return NextResponse.next();
  // An editor's draft preview (draft mode) renders per request and caches nothing: the page itself checks who asks.
  if (request.nextUrl.pathname.startsWith('/articles/') && request.cookies.has(DRAFT_MODE_COOKIE)) return NextResponse.next();
  return NextResponse.rewrite(new URL('/_not-found', request.url), { status: 404 });
}

export const config = {
  matcher: ['/articles/:path*', '/page/:path*', '/category/:path*', '/tag/:path*', '/author/:path*', '/archive/:path*', '/og/:path*', '/hero/:path*'],
};
