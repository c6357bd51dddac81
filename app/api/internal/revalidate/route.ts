import { AppError } from '@/lib/errors';
import { readBody } from '@/lib/http/body';
import { errorResponse, toAppError } from '@/lib/http/errors';
import { verifyRevalidation } from '@/lib/comments/notify';
import { revalidateTags } from '@/lib/comments/revalidate';

export const dynamic = 'force-dynamic';

/** Refresh cached pages for the CLI and other processes on this site; the body must be signed with the site's secret. */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = await readBody(request, 4096);
    const tags = verifyRevalidation(body, request.headers.get('x-signature'));
    if (!tags) throw new AppError('forbidden', { message: 'The revalidation request is not signed with this site’s secret.' });
    await revalidateTags(tags);
    return Response.json({ revalidated: tags }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(toAppError(error, 'POST /api/internal/revalidate'));
  }
}
