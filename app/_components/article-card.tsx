import type { Article } from '@/lib/content';
import { Time } from './time';

/** One article in a list: kicker, headline, dek and byline. */
export function ArticleCard({
  article,
  headingLevel = 2,
  lead = false,
  comments,
}: {
  article: Article;
  headingLevel?: 2 | 3;
  lead?: boolean;
  /** Approved comments, when known. */
  comments?: number;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const category = article.categories[0];
  return (
    <article className={lead ? 'card card--lead' : 'card'} lang={article.lang === 'en' ? undefined : article.lang}>
      {lead && article.hero ? (
        <img className="card__image" src={article.hero.src} alt={article.hero.alt} width={article.hero.width} height={article.hero.height} />
      ) : null}
      {category ? (
        <p className="kicker" lang="en">
          <a href={`/category/${category.slug}`}>{category.name}</a>
        </p>
      ) : null}
      <Heading className="card__title">
        <a href={`/articles/${article.slug}`}>{article.title}</a>
      </Heading>
      <p className="card__dek">{article.summary}</p>
      {lead && article.excerpt ? <p className="card__excerpt">{article.excerpt}</p> : null}
      <p className="meta" lang="en">
        <a href={`/author/${article.author.slug}`}>{article.author.name}</a>
        <span aria-hidden="true"> · </span>
        <Time iso={article.date} />
        <span aria-hidden="true"> · </span>
        <span>{article.readingMinutes} min read</span>
        {comments ? (
          <>
            <span aria-hidden="true"> · </span>
            <a href={`/articles/${article.slug}#comments`}>
              {comments} {comments === 1 ? 'comment' : 'comments'}
            </a>
          </>
        ) : null}
      </p>
    </article>
  );
}

/** A list of article cards, or a note when there are none. */
export function ArticleList({
  articles,
  headingLevel = 2,
  commentCounts = {},
}: {
  articles: Article[];
  headingLevel?: 2 | 3;
  commentCounts?: Record<string, number>;
}) {
  if (articles.length === 0) return <p className="empty">No articles here yet.</p>;
  return (
    <ol className="article-list">
      {articles.map((article) => (
        <li key={article.slug}>
          <ArticleCard article={article} headingLevel={headingLevel} comments={commentCounts[article.slug]} />
        </li>
      ))}
    </ol>
  );
}
