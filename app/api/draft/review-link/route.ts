import { z } from 'zod';
import { editorChange } from '@/lib/auth/editor-request';
import { createReviewToken } from '@/lib/auth/review-link';
import { slugSchema } from '@/lib/content';
import { getArticleForPreview } from '@/lib/content/preview';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { readJsonBody } from '@/lib/http/body';

export const dynamic = 'force-dynamic';

/** Editors: a signed, expiring, read-only link to one article for an outside reviewer. */
export function POST(request: Request): Promise<Response> {
  return editorChange(request, 'POST /api/draft/review-link', async () => {
    const parsed = z.strictObject({ slug: slugSchema }).safeParse(await readJsonBody(request, 1024));
    if (!parsed.success) throw new AppError('invalid_input', { fields: { slug: 'Send {"slug": "…"}.' } });
    const article = getArticleForPreview(parsed.data.slug);
    if (!article) throw new AppError('article_not_found');
    const { token, expiresAt } = createReviewToken(article.slug);
    return Response.json({ url: `${env().SITE_URL}/review/${token}`, expiresAt: expiresAt.toISOString() }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
  });
}
