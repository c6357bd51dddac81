import { ListingView, pageNumber } from '@/app/_components/listing-view';
import { PRERENDERED_LIST_PAGES } from '@/lib/prerender';
import { type ArticleListing, listingMetadata, pageSegments } from './lists';

interface Props {
  params: Promise<{ slug: string; page?: string[] }>;
}

/**
 * The exports of a `/<kind>/[slug]/[[...page]]` route: every page of every listing of one kind
 * (categories, tags, authors); the first PRERENDERED_LIST_PAGES of each prerendered at build, the rest
 * rendered on first request (the route exports `dynamicParams = true`) and cached.
 */
export function listingRoute(listAll: () => { slug: string }[], listingOf: (slug: string) => ArticleListing | undefined) {
  return {
    generateStaticParams() {
      return listAll().flatMap(({ slug }) => pageSegments(listingOf(slug)).slice(0, PRERENDERED_LIST_PAGES).map((page) => ({ slug, page })));
    },
    async generateMetadata({ params }: Props) {
      const { slug, page } = await params;
      const listing = listingOf(slug);
      return listing ? listingMetadata(listing, pageNumber(page)) : {};
    },
    async Page({ params }: Props) {
      const { slug, page } = await params;
      return <ListingView listing={listingOf(slug)} page={pageNumber(page)} />;
    },
  };
}
