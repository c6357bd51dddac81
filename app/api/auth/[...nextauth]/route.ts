import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { boundedAuthRequest, expiredFormAsSignInError, refuseUnusedAuthEndpoint, unavailableAsServiceUnavailable } from '@/lib/auth/auth-request';
import { authOptions } from '@/lib/auth/options';
import { withSessionOutages } from '@/lib/auth/session-outage';
import { errorResponse, toAppError } from '@/lib/http/errors';

export const dynamic = 'force-dynamic';

/** next-auth's own endpoints: csrf, sign-in callback, session, sign-out — with a bounded, checked body. */
async function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  const params = await context.params;
  const refused = refuseUnusedAuthEndpoint(request.method, params.nextauth);
  if (refused) return refused;
  try {
    const checked = await boundedAuthRequest(request);
    const response = await withSessionOutages(async () => (await NextAuth(authOptions())(checked, { params })) as Response);
    return expiredFormAsSignInError(await unavailableAsServiceUnavailable(response));
  } catch (error) {
    return errorResponse(toAppError(error, `${request.method} /api/auth`));
  }
}

export { handler as GET, handler as POST };
