import type { Metadata } from 'next';
import {
  type Article,

  getAuthor,
  getCategory,
  getTag,
  listByAuthor,
  listByCategory,
  listByMonth,
  listByTag,
  listByYear,
  listPublishedArticles,
} from '@/lib/content';
import { monthName } from '@/lib/format';
import { extraPageParams } from '@/lib/paging';
import { pageMetadata } from '@/lib/metadata';
import { site } from '@/lib/site';

/** Everything a paginated list page shows, whatever it lists. */
export interface ArticleListing {
  eyebrow: string;
  title: string;
  description: string;
  /** Path of page 1; page N is `${base}/page/N`. */
  base: string;
  articles: Article[];
  links?: { label: string; url: string }[];
  /** Whose social card the listing shows; the site's when absent. */
  card?: { kind: 'category' | 'tag' | 'author'; slug: string };
}

export function latestListing(): ArticleListing {
  return { eyebrow: 'Latest', title: 'Latest stories', description: site.description, base: '', articles: listPublishedArticles() };
}

export function categoryListing(slug: string): ArticleListing | undefined {
  const category = getCategory(slug);
  if (!category) return undefined;
  return { eyebrow: 'Section', title: category.name, description: category.description, base: `/category/${slug}`, articles: listByCategory(slug), card: { kind: 'category', slug } };
}

export function tagListing(slug: string): ArticleListing | undefined {
  const tag = getTag(slug);
  if (!tag) return undefined;
  const title = tag.country ? `${tag.country.name} (${tag.name})` : tag.name;
  const description = tag.description ?? `News and analysis about ${tag.country?.name ?? tag.name} from ${site.name}.`;
  return { eyebrow: tag.country ? 'Country' : 'Topic', title, description, base: `/tag/${slug}`, articles: listByTag(slug), card: { kind: 'tag', slug } };
}

export function authorListing(slug: string): ArticleListing | undefined {
  const author = getAuthor(slug);
  if (!author) return undefined;
  return { eyebrow: 'Author', title: author.name, description: author.bio, base: `/author/${slug}`, articles: listByAuthor(slug), links: author.links, card: { kind: 'author', slug } };
}

export function yearListing(year: string): ArticleListing | undefined {
  const articles = listByYear(year);
  if (articles.length === 0) return undefined;
  return { eyebrow: 'Archive', title: year, description: `Everything ${site.name} published in ${year}.`, base: `/archive/${year}`, articles };
}

export function monthListing(year: string, month: string): ArticleListing | undefined {
  const articles = listByMonth(year, month);
  if (articles.length === 0) return undefined;
  const name = monthName(year, month);
  return { eyebrow: 'Archive', title: name, description: `Everything ${site.name} published in ${name}.`, base: `/archive/${year}/${month}`, articles };
}

/** Title, description and canonical address of page `page` of a listing. */
export function listingMetadata(listing: ArticleListing, page: number): Metadata {
  return pageMetadata({
    title: page > 1 ? `${listing.title} — page ${page}` : listing.title,
    description: listing.description,
    path: page > 1 ? `${listing.base}/page/${page}` : listing.base || '/',
    card: listing.card ? { ...listing.card, alt: `${listing.eyebrow}: ${listing.title} — ${site.name}` } : undefined,
    feeds: listing.card && listing.card.kind !== 'author' ? { base: listing.base, title: `${listing.title} — ${site.name}` } : undefined,
  });
}

/** Optional catch-all segments for every page of a listing: [] for page 1, ["page", "N"] for page N. */
export function pageSegments(listing: ArticleListing | undefined): string[][] {
  if (!listing) return [];
  return [[], ...extraPageParams(listing.articles.length).map(({ n }) => ['page', n])];
}
