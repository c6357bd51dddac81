import 'server-only';
import { errorResponse, toAppError } from '../http/errors';
import { assertSameOrigin } from '../http/origin';
import type { SessionUser } from './permissions';
import { requireEditor } from './session';

/**
 * Runs a state-changing editor request in the one order every such handler follows: an editor
 * session (401), then a same-origin request (403), then `work`. Any failure becomes the one error shape.
 */
export async function editorChange(request: Request, where: string, work: (editor: SessionUser) => Promise<Response>): Promise<Response> {
  try {
    const editor = await requireEditor();
    assertSameOrigin(request);
    return await work(editor);
  } catch (error) {
    return errorResponse(toAppError(error, where));
  }
}
