import { categoryListing, tagListing, latestListing, type ArticleListing } from './lists';
import { type FeedFormat, feedResponse } from '@/lib/feeds';
import { listCategories, listTags } from '@/lib/content';

const source = (listing: ArticleListing) => ({ title: listing.title, description: listing.description, base: listing.base, articles: listing.articles });

/** GET for the site-wide feed in one format, rendered at build. */
export const siteFeed = (format: FeedFormat) => () => feedResponse(source(latestListing()), format);

/** The exports of `/<kind>/[slug]/<feed file>` routes: one feed per category or tag, rendered at build. */
export function listingFeed(kind: 'category' | 'tag', format: FeedFormat) {
  const listingOf = kind === 'category' ? categoryListing : tagListing;
  return {
    generateStaticParams: () => (kind === 'category' ? listCategories() : listTags()).map(({ slug }) => ({ slug })),
    async GET(_request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
      const listing = listingOf((await params).slug);
      if (!listing) return new Response('Not found', { status: 404 });
      return feedResponse(source(listing), format);
    },
  };
}
