import { PRERENDERED_ARTICLE_CARDS } from '../prerender';
import { getPublishedArticle, listAuthors, listCategories, listPublishedArticles, listTags } from '../content';
import { articleCard, authorCard, type CardData, type CardKind, cardPath, categoryCard, homeCard, tagCard } from './card-data';

export interface CardEntry {
  kind: CardKind;
  slug: string;
  card: CardData;
}

/** The card of one public page, or undefined: drafts, scheduled articles and unknown slugs have none. */
export function findPublicCard(kind: string, slug: string): CardData | undefined {
  switch (kind) {
    case 'article': {
      const article = getPublishedArticle(slug);
      return article ? articleCard(article) : undefined;
    }
    case 'category': {
      const category = listCategories().find((c) => c.slug === slug);
      return category ? categoryCard(category) : undefined;
    }
    case 'tag': {
      const tag = listTags().find((t) => t.slug === slug);
      return tag ? tagCard(tag) : undefined;
    }
    case 'author': {
      const author = listAuthors().find((a) => a.slug === slug);
      return author ? authorCard(author) : undefined;
    }
    case 'home':
      return slug === 'index' ? homeCard() : undefined;
    default:
      return undefined;
  }
}

/** Every public card, to prerender at build. */
export function listPublicCards(): CardEntry[] {
  return [
    { kind: 'home', slug: 'index', card: homeCard() },
    ...listPublishedArticles().map((a) => ({ kind: 'article' as const, slug: a.slug, card: articleCard(a) })),
    ...listCategories().map((c) => ({ kind: 'category' as const, slug: c.slug, card: categoryCard(c) })),
    ...listTags().map((t) => ({ kind: 'tag' as const, slug: t.slug, card: tagCard(t) })),
    ...listAuthors().map((a) => ({ kind: 'author' as const, slug: a.slug, card: authorCard(a) })),
  ];
}

/** The cards to draw at build: every list's and page's, and the newest PRERENDERED_ARTICLE_CARDS articles'. */
export function listPrerenderedCards(): CardEntry[] {
  let articles = 0;
  return listPublicCards().filter((entry) => entry.kind !== 'article' || (articles += 1) <= PRERENDERED_ARTICLE_CARDS);
}

/** Site-relative address of a public page's card. */
export function publicCardPath(kind: CardKind, slug: string): string {
  const card = findPublicCard(kind, slug);
  return card ? cardPath(kind, slug, card) : cardPath('home', 'index', homeCard());
}
