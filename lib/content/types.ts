/** The publication's content as the rest of the app sees it: validated and cross-referenced. */

export interface Author {
  slug: string;
  name: string;
  bio: string;
  links: { label: string; url: string }[];
}

export interface Category {
  slug: string;
  name: string;
  description: string;
}

export interface Country {
  code: string;
  name: string;
}

export interface Tag {
  slug: string;
  name: string;
  description?: string;
  country?: Country;
  aliases: string[];
}

export interface HeroImage {
  src: string;
  alt: string;
  caption?: string;
  credit?: string;
  width: number;
  height: number;
}

export type ArticleStatus = 'published' | 'draft';

export interface Article {
  slug: string;
  title: string;
  summary: string;
  /** ISO 8601 with offset, as written in the front matter. */
  date: string;
  updated?: string;
  status: ArticleStatus;
  lang: string;
  author: Author;
  categories: Category[];
  tags: Tag[];
  hero?: HeroImage;
  commentsOpen: boolean;
  canonical?: string;
  /** Markdown body without front matter. */
  body: string;
  wordCount: number;
  readingMinutes: number;
  excerpt: string;
  /** Path of the source file relative to the working directory, for messages. */
  source: string;
}

export interface Library {
  /** Every article, drafts and scheduled ones included, newest first. */
  articles: Article[];
  authors: Map<string, Author>;
  categories: Map<string, Category>;
  tags: Map<string, Tag>;
}
