import { newsSitemapXml } from '@/lib/sitemaps';

// "The last two days" moves with the clock: refresh hourly.
export const revalidate = 3600;

/** /news-sitemap.xml for Google News. */
export async function GET(): Promise<Response> {
  return new Response(await newsSitemapXml(), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
}
