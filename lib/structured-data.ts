import type { Article, Author } from './content';
import { env } from './env';
import { heroCrops } from './images/hero-crops';
import { absoluteUrl } from './metadata';
import { articleCard, CARD_HEIGHT, CARD_WIDTH, cardPath, homeCard } from './og/card-data';
import { site } from './site';

type Thing = Record<string, unknown>;

/** The publisher, as every article names it. */
export function organization(): Thing {
  return {
    '@type': 'NewsMediaOrganization',
    '@id': absoluteUrl('/#organization'),
    name: site.name,
    url: absoluteUrl('/'),
    logo: { '@type': 'ImageObject', url: absoluteUrl(cardPath('home', 'index', homeCard())), width: CARD_WIDTH, height: CARD_HEIGHT },
  };
}

const person = (author: Author): Thing => ({ '@type': 'Person', name: author.name, url: absoluteUrl(`/author/${author.slug}`) });

/** NewsArticle and its breadcrumb trail. */
export function articleStructuredData(article: Article): Thing[] {
  const url = absoluteUrl(`/articles/${article.slug}`);
  const section = article.categories[0];
  const images = [
    { '@type': 'ImageObject', url: absoluteUrl(cardPath('article', article.slug, articleCard(article))), width: CARD_WIDTH, height: CARD_HEIGHT },
    ...heroCrops(article, env().publicDir).map((crop) => ({ '@type': 'ImageObject', url: absoluteUrl(crop.path), width: crop.width, height: crop.height, caption: article.hero?.caption })),
    ...(article.hero ? [{ '@type': 'ImageObject', url: absoluteUrl(article.hero.src), width: article.hero.width, height: article.hero.height, caption: article.hero.caption }] : []),
  ];
  return [
    {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: article.title,
      description: article.summary,
      inLanguage: article.lang,
      image: images,
      datePublished: article.date,
      dateModified: article.updated ?? article.date,
      author: [person(article.author)],
      publisher: organization(),
      mainEntityOfPage: { '@type': 'WebPage', '@id': url },
      url,
      articleSection: article.categories.map((c) => c.name),
      keywords: article.tags.map((t) => t.country?.name ?? t.name).join(', '),
      wordCount: article.wordCount,
      contentLocation: article.tags.filter((t) => t.country).map((t) => ({ '@type': 'Country', name: t.country!.name, identifier: t.country!.code })),
    },
    {
      '@context': 'https://schema.org',
      '@type': 'BreadcrumbList',
      itemListElement: [
        { '@type': 'ListItem', position: 1, name: site.name, item: absoluteUrl('/') },
        ...(section ? [{ '@type': 'ListItem', position: 2, name: section.name, item: absoluteUrl(`/category/${section.slug}`) }] : []),
        { '@type': 'ListItem', position: section ? 3 : 2, name: article.title, item: url },
      ],
    },
  ];
}

/** The site itself, for the home page. */
export function websiteStructuredData(): Thing {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    '@id': absoluteUrl('/#website'),
    name: site.name,
    url: absoluteUrl('/'),
    description: site.description,
    inLanguage: site.lang,
    publisher: organization(),
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${absoluteUrl('/search')}?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}

/** A list page (section, tag, archive) and, for an author's page, the author. */
export function collectionStructuredData(name: string, description: string, path: string, author?: Author): Thing {
  const page: Thing = { '@context': 'https://schema.org', '@type': author ? 'ProfilePage' : 'CollectionPage', name, description, url: absoluteUrl(path || '/'), isPartOf: { '@id': absoluteUrl('/#website') } };
  if (author) page.mainEntity = { ...person(author), description: author.bio };
  return page;
}

/** JSON for a <script type="application/ld+json">: `<` is escaped so no text can close the script element. */
export function jsonLd(data: Thing | Thing[]): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
