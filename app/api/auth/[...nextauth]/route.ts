import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { boundedAuthRequest, unavailableAsServiceUnavailable } from '@/lib/auth/auth-request';
import { authOptions } from '@/lib/auth/options';
import { errorResponse, toAppError } from '@/lib/http/errors';

export const dynamic = 'force-dynamic';

/** next-auth's own endpoints: csrf, sign-in callback, session, sign-out — with a bounded, checked body. */
async function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  let checked: NextRequest;
  try {
    checked = await boundedAuthRequest(request);
  } catch (error) {
    return errorResponse(toAppError(error, `${request.method} /api/auth`));
  }
  const response = (await NextAuth(authOptions())(checked, { params: await context.params })) as Response;
  return unavailableAsServiceUnavailable(response);
}

export { handler as GET, handler as POST };
