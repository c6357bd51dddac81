import { ArticleCard, ArticleList } from './_components/article-card';
import { JsonLd } from './_components/json-ld';
import { websiteStructuredData } from '@/lib/structured-data';
import { Pagination } from './_components/pagination';
import { latestListing } from './_lib/lists';
import { getCachedCommentCounts } from '@/lib/comments/views';
import { paginate } from '@/lib/paging';
import { pageMetadata } from '@/lib/metadata';
import { site } from '@/lib/site';

export const metadata = {
  ...pageMetadata({ title: `${site.name} — ${site.tagline}`, description: site.description, path: '/' }),
  title: { absolute: `${site.name} — ${site.tagline}` },
};

/** The front page: the lead story, then the latest articles. */
export default async function HomePage() {
  const listing = latestListing();
  const first = paginate(listing.articles, 1)!;
  const [lead, ...rest] = first.items;
  const counts = await getCachedCommentCounts();
  return (
    <>
      <JsonLd data={websiteStructuredData()} />
      <h1 className="sr-only">{site.name}: latest stories</h1>
      {lead ? <ArticleCard article={lead} lead comments={counts[lead.slug]} /> : <p className="empty">No stories published yet.</p>}
      {rest.length > 0 ? (
        <section aria-labelledby="latest-heading">
          <h2 id="latest-heading" className="section-title">
            Latest
          </h2>
          <ArticleList articles={rest} headingLevel={3} commentCounts={counts} />
        </section>
      ) : null}
      <Pagination base="" page={1} totalPages={first.totalPages} />
    </>
  );
}
