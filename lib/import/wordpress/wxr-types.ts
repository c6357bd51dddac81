/** What a WordPress WXR export holds, as the parser reads it: strings as written, nothing mapped yet. */

export interface WxrAuthor {
  login: string;
  displayName: string;
  /** Read so it can be left out on purpose: never written to content/ (authors.yaml is public). */
  email: string;
  id?: string;
}

export interface WxrTerm {
  taxonomy: 'category' | 'post_tag';
  id: string;
  slug: string;
  name: string;
  /** The parent's slug (categories only); empty for a top-level one. */
  parent: string;
  description: string;
}

/** One <category> element of an item: a category or tag it is filed under. */
export interface WxrItemTerm {
  domain: string;
  slug: string;
  name: string;
}

export interface WxrComment {
  id: string;
  author: string;
  email: string;
  url: string;
  ip: string;
  date: string;
  dateGmt: string;
  content: string;
  /** "1", "0", "spam", "trash" (WordPress's comment_approved). */
  approved: string;
  /** "comment" (or empty), "pingback", "trackback". */
  type: string;
  parent: string;
}

export interface WxrItem {
  /** The line the <item> starts on, for messages. */
  line: number;
  id: string;
  title: string;
  link: string;
  creator: string;
  content: string;
  excerpt: string;
  postDate: string;
  postDateGmt: string;
  modifiedGmt: string;
  commentStatus: string;
  postName: string;
  status: string;
  parent: string;
  postType: string;
  password: string;
  attachmentUrl: string;
  terms: WxrItemTerm[];
  meta: Map<string, string>;
  comments: WxrComment[];
}

export interface WxrExport {
  version: string;
  title: string;
  /** The blog's address (wp:base_blog_url, else <link>), without a trailing slash. */
  blogUrl: string;
  language: string;
  authors: WxrAuthor[];
  terms: WxrTerm[];
  items: WxrItem[];
}
