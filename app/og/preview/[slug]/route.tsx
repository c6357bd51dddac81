import { canPreviewDrafts } from '@/lib/auth/permissions';
import { currentEditor } from '@/lib/auth/session';
import { slugSchema } from '@/lib/content';
import { getArticleForPreview } from '@/lib/content/preview';
import { articleCard } from '@/lib/og/card-data';
import { renderCard } from '@/lib/og/card';

export const dynamic = 'force-dynamic';

/** An unpublished article's card, for a signed-in editor's preview only; a 404 for everyone else. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const article = canPreviewDrafts(await currentEditor()) && slugSchema.safeParse(slug).success ? getArticleForPreview(slug) : undefined;
  if (!article) return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'private, no-store' } });
  return renderCard(articleCard(article), { 'Cache-Control': 'private, no-store' });
}
