import type { MetadataRoute } from 'next';
import { sitemapEntries } from '@/lib/sitemaps';

/** /sitemap.xml: every public page with its last-modified time. */
export default function sitemap(): MetadataRoute.Sitemap {
  return sitemapEntries();
}
