import type { Metadata } from 'next';
import { truncateAtWord } from './content/text';
import { env } from './env';
import { feedAlternates } from './feed-links';
import { CARD_HEIGHT, CARD_WIDTH, type CardKind } from './og/card-data';
import { publicCardPath } from './og/cards';
import { site } from './site';

export interface PageMeta {
  title: string;
  description: string;
  /** Site-relative path of the page's canonical address. */
  path: string;
  type?: 'website' | 'article';
  noindex?: boolean;
  /** Whose social card to show: defaults to the site's. */
  card?: { kind: CardKind; slug: string; alt: string };
  /** Slack's extra unfurl lines: twitter:label1/data1, label2/data2. */
  labels?: [string, string][];
  /** The feeds this page offers for autodiscovery; the site's when absent. */
  feeds?: { base: string; title: string };
  /** The language the page's text is in (BCP 47), for og:locale. */
  lang?: string;
}

const LOCALES: Record<string, string> = { en: site.locale, ru: 'ru_RU', kk: 'kk_KZ', ky: 'ky_KG', tg: 'tg_TJ', tk: 'tk_TM', uz: 'uz_UZ' };

/** Absolute URL on this site for a site-relative path. */
export function absoluteUrl(path: string): string {
  return `${env().SITE_URL}${path.startsWith('/') ? path : `/${path}`}`;
}

/** Title, description, canonical URL, Open Graph and Twitter card tags (with the 1200×630 card image) for one page. */
export function pageMetadata({ title, description, path, type = 'website', noindex, card, labels = [], feeds, lang = site.lang }: PageMeta): Metadata {
  const url = absoluteUrl(path);
  const shortTitle = truncateAtWord(title, 70);
  const shortDescription = truncateAtWord(description, 200);
  const image = {
    url: absoluteUrl(publicCardPath(card?.kind ?? 'home', card?.slug ?? 'index')),
    width: CARD_WIDTH,
    height: CARD_HEIGHT,
    alt: card?.alt ?? `${site.name}: ${site.tagline}`,
    type: 'image/png',
  };
  const twitterSite = env().TWITTER_SITE;
  return {
    title,
    description: shortDescription,
    alternates: { canonical: url, types: feedAlternates(feeds?.base ?? '', feeds?.title ?? site.name) },
    openGraph: { type, url, title: shortTitle, description: shortDescription, siteName: site.name, locale: LOCALES[lang.split('-')[0]!] ?? site.locale, images: [image] },
    twitter: {
      card: 'summary_large_image',
      title: shortTitle,
      description: shortDescription,
      images: [{ url: image.url, alt: image.alt }],
      ...(twitterSite ? { site: twitterSite } : {}),
    },
    other: Object.fromEntries(labels.flatMap(([label, data], i) => [[`twitter:label${i + 1}`, label], [`twitter:data${i + 1}`, data]])),
    ...(noindex ? { robots: { index: false, follow: true } } : {}),
  };
}
