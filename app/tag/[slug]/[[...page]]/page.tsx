import { listingRoute } from '@/app/_lib/listing-route';
import { tagListing } from '@/app/_lib/lists';
import { listTags } from '@/lib/content';

/** Every page of a tag's articles (a country or a topic), newest first. */
const route = listingRoute(listTags, tagListing);

// Deep pages are rendered on their first request (lib/prerender.ts); an unknown slug or page is a 404.
export const dynamicParams = true;
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
