import type { Article } from '@/lib/content';
import { Time } from './time';

/** Headline, dek, byline, dateline and hero figure of an article. */
export function ArticleHeader({ article }: { article: Article }) {
  return (
    <header className="article__header">
      <p className="kicker" lang="en">
        {article.categories.map((category, i) => (
          <span key={category.slug}>
            {i > 0 ? ' · ' : null}
            <a href={`/category/${category.slug}`}>{category.name}</a>
          </span>
        ))}
      </p>
      <h1>{article.title}</h1>
      <p className="article__dek">{article.summary}</p>
      <div className="byline" lang="en">
        <p>
          By{' '}
          <a className="byline__author" href={`/author/${article.author.slug}`} rel="author">
            {article.author.name}
          </a>
        </p>
        <p>
          Published <Time iso={article.date} />
          {article.updated ? (
            <>
              {' '}
              · Updated <Time iso={article.updated} />
            </>
          ) : null}{' '}
          · {article.readingMinutes} min read
        </p>
      </div>
      {article.hero ? (
        <figure className="hero">
          <img
            src={article.hero.src}
            alt={article.hero.alt}
            width={article.hero.width}
            height={article.hero.height}
            fetchPriority="high"
            decoding="async"
          />
          {article.hero.caption || article.hero.credit ? (
            <figcaption>
              {article.hero.caption}
              {article.hero.caption && article.hero.credit ? ' ' : null}
              {article.hero.credit ? <span className="hero__credit">{article.hero.credit}</span> : null}
            </figcaption>
          ) : null}
        </figure>
      ) : null}
    </header>
  );
}

/** Category and tag links under the body. */
export function ArticleTaxonomy({ article }: { article: Article }) {
  return (
    <ul className="taxonomy" aria-label="Sections and tags" lang="en">
      {article.categories.map((category) => (
        <li key={`c-${category.slug}`}>
          <a href={`/category/${category.slug}`}>{category.name}</a>
        </li>
      ))}
      {article.tags.map((tag) => (
        <li key={`t-${tag.slug}`}>
          <a href={`/tag/${tag.slug}`} title={tag.country?.name}>
            {tag.country ? `${tag.name} · ${tag.country.name}` : tag.name}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Links to the previous (older) and next (newer) article by date. */
export function AdjacentArticles({ older, newer }: { older?: Article; newer?: Article }) {
  if (!older && !newer) return null;
  return (
    <nav className="adjacent" aria-label="More stories by date" lang="en">
      {older ? (
        <a href={`/articles/${older.slug}`} rel="prev">
          <span className="adjacent__label">← Previous story</span>
          <span className="adjacent__title" lang={older.lang}>
            {older.title}
          </span>
        </a>
      ) : (
        <span />
      )}
      {newer ? (
        <a href={`/articles/${newer.slug}`} rel="next" className="adjacent__newer">
          <span className="adjacent__label">Next story →</span>
          <span className="adjacent__title" lang={newer.lang}>
            {newer.title}
          </span>
        </a>
      ) : null}
    </nav>
  );
}
