import type { MetadataRoute } from 'next';
import { env } from '@/lib/env';

/** The social platforms' link-preview crawlers, named so that no broader rule ever shuts them out of pages and card images. */
export const SOCIAL_CRAWLERS = ['facebookexternalhit', 'Twitterbot', 'LinkedInBot', 'Slackbot', 'TelegramBot', 'Discordbot', 'WhatsApp'];

/** /robots.txt: everything public may be fetched; the editors' pages, APIs and review copies are not for crawlers; both sitemaps named. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: [
      { userAgent: SOCIAL_CRAWLERS, allow: ['/', '/og/'], disallow: ['/editor', '/api/', '/review/'] },
      { userAgent: '*', allow: ['/', '/og/'], disallow: ['/editor', '/api/', '/review/'] },
    ],
    host: new URL(env().SITE_URL).host,
    sitemap: [`${env().SITE_URL}/sitemap.xml`, `${env().SITE_URL}/news-sitemap.xml`],
  };
}
