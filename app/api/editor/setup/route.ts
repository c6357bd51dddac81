import { z } from 'zod';
import { createFirstEditor } from '@/lib/auth/editors';
import { AppError } from '@/lib/errors';
import { readJsonBody } from '@/lib/http/body';
import { errorResponse, toAppError } from '@/lib/http/errors';
import { assertSameOrigin } from '@/lib/http/origin';

export const dynamic = 'force-dynamic';

const setupSchema = z.strictObject({ token: z.string().max(200), email: z.string().max(300), name: z.string().max(200), password: z.string().max(300) });

/** Creates the first editor with the one-time link logged at start-up. */
export async function POST(request: Request): Promise<Response> {
  try {
    assertSameOrigin(request);
    const parsed = setupSchema.safeParse(await readJsonBody(request, 4096));
    if (!parsed.success) throw new AppError('invalid_input', { message: 'Send token, email, name and password.' });
    const { token, ...account } = parsed.data;
    const editor = await createFirstEditor(token, account);
    return Response.json({ editor: { email: editor.email, name: editor.name } }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(toAppError(error, 'POST /api/editor/setup'));
  }
}
