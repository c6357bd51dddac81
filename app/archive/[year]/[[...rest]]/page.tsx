import { notFound } from 'next/navigation';
import { ListingView, pageNumber } from '@/app/_components/listing-view';
import { listingMetadata, monthListing, pageSegments, yearListing } from '@/app/_lib/lists';
import { listArchive } from '@/lib/content';
import { PRERENDERED_LIST_PAGES } from '@/lib/prerender';

// Pages past PRERENDERED_LIST_PAGES are rendered on their first request; an empty year or month is a 404.
export const dynamicParams = true;

interface Props {
  params: Promise<{ year: string; rest?: string[] }>;
}

/** /archive/2024, /archive/2024/page/2, /archive/2024/06 and /archive/2024/06/page/2. */
function resolve(year: string, rest: string[] = []) {
  const [first, ...after] = rest;
  if (first !== undefined && /^(0[1-9]|1[0-2])$/.test(first)) {
    return { listing: monthListing(year, first), page: pageNumber(after) };
  }
  return { listing: yearListing(year), page: pageNumber(rest) };
}

export function generateStaticParams() {
  return listArchive().flatMap(({ year, months }) => [
    ...pageSegments(yearListing(year)).slice(0, PRERENDERED_LIST_PAGES).map((rest) => ({ year, rest })),
    ...months.flatMap(({ month }) =>
      pageSegments(monthListing(year, month)).slice(0, PRERENDERED_LIST_PAGES).map((segments) => ({ year, rest: [month, ...segments] })),
    ),
  ]);
}

export async function generateMetadata({ params }: Props) {
  const { year, rest } = await params;
  const { listing, page } = resolve(year, rest);
  return listing ? listingMetadata(listing, page) : {};
}

/** A year's or a month's articles, newest first. */
export default async function ArchivePage({ params }: Props) {
  const { year, rest } = await params;
  const { listing, page } = resolve(year, rest);
  if (!listing) notFound();
  return <ListingView listing={listing} page={page} />;
}
