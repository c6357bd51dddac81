import { listingFeed } from '@/app/_lib/feed-routes';

export const dynamic = 'force-static';
export const dynamicParams = false;

/** One category's latest articles as a json feed. */
const route = listingFeed('category', 'json');
export const generateStaticParams = route.generateStaticParams;
export const GET = route.GET;
