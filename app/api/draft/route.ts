import { draftMode } from 'next/headers';
import { canPreviewDrafts } from '@/lib/auth/permissions';
import { currentEditor } from '@/lib/auth/session';
import { slugSchema } from '@/lib/content';
import { getArticleForPreview } from '@/lib/content/preview';
import { AppError } from '@/lib/errors';
import { errorResponse, toAppError } from '@/lib/http/errors';

export const dynamic = 'force-dynamic';

/**
 * Preview: editor session (401) → the slug as content knows it (404) → draft mode on → redirect
 * to the article's own path, built from the content, never from the request.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    if (!canPreviewDrafts(await currentEditor())) throw new AppError('unauthorized');
    const slug = new URL(request.url).searchParams.get('slug') ?? '';
    const article = slugSchema.safeParse(slug).success ? getArticleForPreview(slug) : undefined;
    if (!article) throw new AppError('article_not_found');
    (await draftMode()).enable();
    return new Response(null, { status: 307, headers: { Location: `/articles/${article.slug}`, 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(toAppError(error, 'GET /api/draft'));
  }
}
