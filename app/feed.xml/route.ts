import { siteFeed } from '@/app/_lib/feed-routes';

export const dynamic = 'force-static';

/** The site's latest articles as a rss feed. */
export const GET = siteFeed('rss');
