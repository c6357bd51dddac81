import { AppError } from '@/lib/errors';
import { readBody } from '@/lib/http/body';
import { errorResponse, toAppError } from '@/lib/http/errors';
import { announcePublish } from '@/lib/publish/broadcast';
import { publishContent } from '@/lib/publish/publisher';
import { verifyPublishRequest } from '@/lib/publish/trigger';

export const dynamic = 'force-dynamic';

/**
 * Publishes the content folder as it is now on this server (`npm run publish`, its watch mode, the scheduling
 * clock, another server's publish). The body must be signed with the site's secret. 200 with what changed, or 422
 * with every content problem (and nothing changed).
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = await readBody(request, 4096);
    const reason = verifyPublishRequest(body, request.headers.get('x-signature'));
    if (!reason) throw new AppError('forbidden', { message: 'The publish request is not signed with this site’s secret.' });
    const report = await publishContent(reason);
    if (report.ok && (reason === 'command' || reason === 'watch')) await announcePublish();
    return Response.json(report, { status: report.ok ? 200 : 422, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(toAppError(error, 'POST /api/internal/publish'));
  }
}
