import { ArticleList } from './_components/article-card';
import { listPublishedArticles } from '@/lib/content';

export const metadata = { title: 'Page not found' };

/** The 404 page: say so plainly, then offer the latest stories. */
export default function NotFound() {
  return (
    <>
      <header className="page-header">
        <p className="eyebrow">Error 404</p>
        <h1>Page not found</h1>
        <p>
          We could not find that page. It may have moved, or the address may be mistyped. Try the <a href="/">front page</a> or the{' '}
          <a href="/archive">archive</a>.
        </p>
      </header>
      <section aria-labelledby="latest-404">
        <h2 id="latest-404" className="section-title">
          Latest stories
        </h2>
        <ArticleList articles={listPublishedArticles().slice(0, 6)} headingLevel={3} />
      </section>
    </>
  );
}
