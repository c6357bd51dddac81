import { listingFeed } from '@/app/_lib/feed-routes';

export const dynamic = 'force-static';
// A section or tag added by a publish gets its feeds on first request (proxy.ts answers unknown ones 404 first).
export const dynamicParams = true;

/** One tag's latest articles as a json feed. */
const route = listingFeed('tag', 'json');
export const generateStaticParams = route.generateStaticParams;
export const GET = route.GET;
