import { listingFeed } from '@/app/_lib/feed-routes';

export const dynamic = 'force-static';
export const dynamicParams = false;

/** One category's latest articles as a atom feed. */
const route = listingFeed('category', 'atom');
export const generateStaticParams = route.generateStaticParams;
export const GET = route.GET;
