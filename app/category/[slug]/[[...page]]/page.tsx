import { listingRoute } from '@/app/_lib/listing-route';
import { categoryListing } from '@/app/_lib/lists';
import { listCategories } from '@/lib/content';

/** Every page of a section's articles, newest first. */
const route = listingRoute(listCategories, categoryListing);

// Deep pages are rendered on their first request (lib/prerender.ts); an unknown slug or page is a 404.
export const dynamicParams = true;
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
