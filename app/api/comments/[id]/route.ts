import { deleteComment, patchComment } from '@/lib/comments/editor-controller';

export const dynamic = 'force-dynamic';

interface Context {
  params: Promise<{ id: string }>;
}

/** Change a comment's status or text (editors). */
export async function PATCH(request: Request, { params }: Context): Promise<Response> {
  return patchComment(request, (await params).id);
}

/** Delete a comment for ever (editors). */
export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  return deleteComment(request, (await params).id);
}
