import { cardVersion } from '@/lib/og/card-data';
import { renderCard } from '@/lib/og/card';
import { findPublicCard, listPrerenderedCards } from '@/lib/og/cards';

export const dynamic = 'force-static';
// Older articles' cards are drawn on their first request and cached (lib/prerender.ts); GET answers 404 for
// anything but a public page's current card, so a draft or scheduled article never gets one.
export const dynamicParams = true;

interface Context {
  params: Promise<{ kind: string; slug: string; file: string }>;
}

/** The cards drawn at build time; the file name is the hash of what it draws. */
export function generateStaticParams() {
  return listPrerenderedCards().map(({ kind, slug, card }) => ({ kind, slug, file: `${cardVersion(card)}.png` }));
}

/** A 1200×630 PNG social card. */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const { kind, slug, file } = await params;
  const card = findPublicCard(kind, slug);
  if (!card || file !== `${cardVersion(card)}.png`) return new Response('Not found', { status: 404 });
  return renderCard(card, { 'Cache-Control': 'public, max-age=31536000, immutable' });
}
