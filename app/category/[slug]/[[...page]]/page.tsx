import { listingRoute } from '@/app/_lib/listing-route';
import { categoryListing } from '@/app/_lib/lists';
import { listCategories } from '@/lib/content';

/** Every page of a section's articles, newest first. */
const route = listingRoute(listCategories, categoryListing);

export const dynamicParams = false;
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
