import type { Metadata } from 'next';
import { truncateAtWord } from './content/text';
import { env } from './env';
import { site } from './site';

export interface PageMeta {
  title: string;
  description: string;
  /** Site-relative path of the page's canonical address. */
  path: string;
  type?: 'website' | 'article';
  noindex?: boolean;
}

/** Absolute URL on this site for a site-relative path. */
export function absoluteUrl(path: string): string {
  return `${env().SITE_URL}${path.startsWith('/') ? path : `/${path}`}`;
}

/** Title, description, canonical URL and Open Graph / Twitter basics for one page. */
export function pageMetadata({ title, description, path, type = 'website', noindex }: PageMeta): Metadata {
  const url = absoluteUrl(path);
  const shortDescription = truncateAtWord(description, 200);
  return {
    title,
    description: shortDescription,
    alternates: { canonical: url },
    openGraph: { type, url, title: truncateAtWord(title, 70), description: shortDescription, siteName: site.name, locale: site.locale },
    twitter: { card: 'summary_large_image', title: truncateAtWord(title, 70), description: shortDescription },
    ...(noindex ? { robots: { index: false, follow: true } } : {}),
  };
}
