import { errorBody, AppError } from '@/lib/errors';
import { checkHealth } from '@/lib/health';

export const dynamic = 'force-dynamic';

const NO_CACHE = { 'Cache-Control': 'no-store' };

/** For load balancers and monitors: 200 when the store answers a real query, 503 with Retry-After when it does not. */
export async function GET(): Promise<Response> {
  const health = await checkHealth();
  if (health.ok) return Response.json({ status: 'ok', store: health.store, latencyMs: health.latencyMs }, { headers: NO_CACHE });
  return Response.json({ status: 'unavailable', ...errorBody(new AppError('unavailable')) }, { status: 503, headers: { ...NO_CACHE, 'Retry-After': '5' } });
}

/** HEAD, for monitors that only look at the status. */
export async function HEAD(): Promise<Response> {
  const health = await checkHealth();
  return new Response(null, { status: health.ok ? 200 : 503, headers: health.ok ? NO_CACHE : { ...NO_CACHE, 'Retry-After': '5' } });
}
