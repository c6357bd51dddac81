import { env } from '../env';
import { AppError } from '../errors';

/**
 * State-changing editor requests must come from this site's own pages: the Origin header must
 * name the site (SITE_URL) or the origin the request was addressed to. No Origin is refused too.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  const allowed = new Set([new URL(env().SITE_URL).origin, new URL(request.url).origin]);
  if (!origin || !allowed.has(origin)) throw new AppError('bad_origin');
}
