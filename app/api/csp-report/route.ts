import { AppError } from '@/lib/errors';
import { readBody } from '@/lib/http/body';
import { errorResponse, toAppError } from '@/lib/http/errors';
import { logViolations, MAX_REPORT_BYTES, parseCspReport } from '@/lib/security/csp-report';

export const dynamic = 'force-dynamic';

const REPORT_TYPES = /^application\/(csp-report|reports\+json|json)\s*(;|$)/i;

/** Browsers report here what the page policy blocked (server.mjs names this address in every page's policy). */
export async function POST(request: Request): Promise<Response> {
  try {
    if (!REPORT_TYPES.test(request.headers.get('content-type') ?? '')) {
      throw new AppError('unsupported_media_type', { message: 'Send a CSP report as application/csp-report or application/reports+json.' });
    }
    const text = await readBody(request, MAX_REPORT_BYTES);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError('invalid_json');
    }
    const violations = parseCspReport(body);
    if (!violations) throw new AppError('invalid_input', { message: 'The body is not a CSP violation report.' });
    logViolations(violations);
    return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(toAppError(error, 'POST /api/csp-report'));
  }
}
