import { postEditorReply } from '@/lib/comments/editor-controller';

export const dynamic = 'force-dynamic';

/** Reply as the publication (editors). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return postEditorReply(request, (await params).id);
}
