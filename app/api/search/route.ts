import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http/errors';
import { readSearchParams, searchArticles, toView } from '@/lib/search/server';

export const dynamic = 'force-dynamic';

/** Search results as JSON, for the search page's as-you-type results: the same index and the same answer as /search. */
export function GET(request: Request): Response {
  const params = new URL(request.url).searchParams;
  const { query, page, pageValid } = readSearchParams({ q: params.get('q'), page: params.get('page') });
  if (!pageValid) return errorResponse(new AppError('invalid_input', { fields: { page: 'The page must be a whole number from 1.' } }));
  // The index changes only with a new build, so answers may be cached briefly by browsers and proxies.
  return Response.json(toView(searchArticles(query, page)), { headers: { 'Cache-Control': 'public, max-age=300' } });
}
