import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';

export const dynamic = 'force-dynamic';

/** next-auth's own endpoints: csrf, sign-in callback, session, sign-out. */
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return NextAuth(authOptions())(request, { params: await context.params }) as Promise<Response>;
}

export { handler as GET, handler as POST };
