import { ListingView } from '@/app/_components/listing-view';
import { latestListing, listingMetadata } from '@/app/_lib/lists';
import { extraPageParams, parsePageParam } from '@/lib/paging';
import { notFound } from 'next/navigation';

export const dynamicParams = false;

interface Props {
  params: Promise<{ n: string }>;
}

export function generateStaticParams() {
  return extraPageParams(latestListing().articles.length);
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
