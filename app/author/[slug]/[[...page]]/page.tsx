import { listingRoute } from '@/app/_lib/listing-route';
import { authorListing } from '@/app/_lib/lists';
import { listAuthors } from '@/lib/content';

/** Every page of an author's articles, newest first. */
const route = listingRoute(listAuthors, authorListing);

export const dynamicParams = false;
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
