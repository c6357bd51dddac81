import { ListingView, pageNumber } from '@/app/_components/listing-view';
import { type ArticleListing, listingMetadata, pageSegments } from './lists';

interface Props {
  params: Promise<{ slug: string; page?: string[] }>;
}

/**
 * The exports of a `/<kind>/[slug]/[[...page]]` route: every page of every listing of one kind
 * (categories, tags, authors), prerendered at build.
 */
export function listingRoute(listAll: () => { slug: string }[], listingOf: (slug: string) => ArticleListing | undefined) {
  return {
    generateStaticParams() {
      return listAll().flatMap(({ slug }) => pageSegments(listingOf(slug)).map((page) => ({ slug, page })));
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
