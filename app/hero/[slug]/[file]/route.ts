import { getPublishedArticle, listPublishedArticles } from '@/lib/content';
import { env } from '@/lib/env';
import { heroCrops, renderCrop } from '@/lib/images/hero-crops';
import { PRERENDERED_HERO_CROPS } from '@/lib/prerender';

export const dynamic = 'force-static';
// Older articles' crops are cut on their first request and cached (lib/prerender.ts); proxy.ts answers addresses
// naming no public article's current crop with a 404 first, and GET checks again.
export const dynamicParams = true;

interface Context {
  params: Promise<{ slug: string; file: string }>;
}

/** The 16:9, 4:3 and 1:1 crops of the newest public articles' hero images, cut at build time. */
export function generateStaticParams() {
  const newest = listPublishedArticles()
    .filter((article) => article.hero)
    .slice(0, PRERENDERED_HERO_CROPS);
  return newest.flatMap((article) => heroCrops(article, env().publicDir).map((crop) => ({ slug: article.slug, file: crop.path.split('/').pop()! })));
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
