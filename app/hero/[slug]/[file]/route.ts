import { getPublishedArticle, listPublishedArticles } from '@/lib/content';
import { env } from '@/lib/env';
import { heroCrops, renderCrop } from '@/lib/images/hero-crops';

export const dynamic = 'force-static';
export const dynamicParams = false;

interface Context {
  params: Promise<{ slug: string; file: string }>;
}

/** The 16:9, 4:3 and 1:1 crops of every public article's hero image, cut at build time. */
export function generateStaticParams() {
  return listPublishedArticles().flatMap((article) => heroCrops(article, env().publicDir).map((crop) => ({ slug: article.slug, file: crop.path.split('/').pop()! })));
}

/** One crop as JPEG; the name carries the original's hash, so caches may keep it for ever. */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const { slug, file } = await params;
  const article = getPublishedArticle(slug);
  const crop = article ? heroCrops(article, env().publicDir).find((c) => c.path.endsWith(`/${file}`)) : undefined;
  if (!article || !crop) return new Response('Not found', { status: 404 });
  const jpeg = await renderCrop(article, crop, env().publicDir);
  return new Response(new Uint8Array(jpeg), { headers: { 'Content-Type': 'image/jpeg', 'Cache-Control': 'public, max-age=31536000, immutable' } });
}
