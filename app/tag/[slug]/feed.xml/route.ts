import { listingFeed } from '@/app/_lib/feed-routes';

export const dynamic = 'force-static';
export const dynamicParams = false;

/** One tag's latest articles as a rss feed. */
const route = listingFeed('tag', 'rss');
export const generateStaticParams = route.generateStaticParams;
export const GET = route.GET;
