import { ListingView } from '@/app/_components/listing-view';
import { latestListing, listingMetadata } from '@/app/_lib/lists';
import { extraPageParams, parsePageParam } from '@/lib/paging';
import { PRERENDERED_LIST_PAGES } from '@/lib/prerender';
import { notFound } from 'next/navigation';

// Pages past PRERENDERED_LIST_PAGES are rendered on their first request; a page past the end is a 404.
export const dynamicParams = true;

interface Props {
  params: Promise<{ n: string }>;
}

export function generateStaticParams() {
  return extraPageParams(latestListing().articles.length).slice(0, PRERENDERED_LIST_PAGES - 1);
}

export async function generateMetadata({ params }: Props) {
  const page = parsePageParam((await params).n);
  return page ? listingMetadata(latestListing(), page) : {};
}

/** Older pages of the front page's list of latest stories. */
export default async function LatestPage({ params }: Props) {
  const page = parsePageParam((await params).n) ?? notFound();
  return <ListingView listing={latestListing()} page={page} />;
}
