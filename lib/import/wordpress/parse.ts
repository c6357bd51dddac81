/**
 * Reads a WXR export with saxes, a streaming XML parser: the file is read in chunks and only the fields the importer
 * uses are kept (no DOM), so the export's text is held once. Anything that is not well-formed XML, not an RSS
 * document with a WXR version, or a version other than 1.0–1.2 stops the import with a WxrError naming the line.
 */
import fs from 'node:fs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { WxrComment, WxrExport, WxrItem, WxrTerm } from './wxr-types';

/** The WXR versions WordPress.org and WordPress.com write (1.0 is read the same way). */
export const SUPPORTED_WXR_VERSIONS = ['1.0', '1.1', '1.2'];

/** A problem with the export file itself; nothing has been written when one is thrown. */
export class WxrError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = 'WxrError';
  }
}

const ITEM_FIELDS: Record<string, keyof WxrItem> = {
  title: 'title',
  link: 'link',
  'dc:creator': 'creator',
  'content:encoded': 'content',
  'excerpt:encoded': 'excerpt',
  'wp:post_id': 'id',
  'wp:post_date': 'postDate',
  'wp:post_date_gmt': 'postDateGmt',
  'wp:post_modified_gmt': 'modifiedGmt',
  'wp:comment_status': 'commentStatus',
  'wp:post_name': 'postName',
  'wp:status': 'status',
  'wp:post_parent': 'parent',
  'wp:post_type': 'postType',
  'wp:post_password': 'password',
  'wp:attachment_url': 'attachmentUrl',
};
const COMMENT_FIELDS: Record<string, keyof WxrComment> = {
  'wp:comment_id': 'id',
  'wp:comment_author': 'author',
  'wp:comment_author_email': 'email',
  'wp:comment_author_url': 'url',
  'wp:comment_author_IP': 'ip',
  'wp:comment_date': 'date',
  'wp:comment_date_gmt': 'dateGmt',
  'wp:comment_content': 'content',
  'wp:comment_approved': 'approved',
  'wp:comment_type': 'type',
  'wp:comment_parent': 'parent',
};

const emptyItem = (line: number): WxrItem => ({
  line, id: '', title: '', link: '', creator: '', content: '', excerpt: '', postDate: '', postDateGmt: '', modifiedGmt: '',
  commentStatus: '', postName: '', status: '', parent: '', postType: '', password: '', attachmentUrl: '', terms: [], meta: new Map(), comments: [],
});
const emptyComment = (): WxrComment => ({ id: '', author: '', email: '', url: '', ip: '', date: '', dateGmt: '', content: '', approved: '', type: '', parent: '' });
const emptyTerm = (taxonomy: WxrTerm['taxonomy']): WxrTerm => ({ taxonomy, id: '', slug: '', name: '', parent: '', description: '' });

export interface ParseOptions {
  /** Receives each item as soon as it is read, instead of `items` keeping it (then only the header is returned). */
  onItem?: (item: WxrItem) => void;
  /** Which items `items` keeps (all when absent): the others are read, checked and dropped. */
  keep?: (item: WxrItem) => boolean;
}

/**
 * Parses a whole WXR file; throws WxrError for anything that is not a complete, supported WXR export. With `onItem`
 * or `keep`, no more than one item's text is held at a time beyond what is kept.
 */
export async function parseWxrFile(file: string, options: ParseOptions = {}): Promise<WxrExport> {
  const reader = new WxrReader(file, options);
  try {
    for await (const chunk of fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 })) reader.write(chunk as string);
  } catch (error) {
    if (error instanceof WxrError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new WxrError(file, 0, `cannot read the file (${code})`);
    throw error;
  }
  return reader.finish();
}

/** Parses WXR text already in memory (tests). */
export function parseWxrString(text: string, name = 'export.xml'): WxrExport {
  const reader = new WxrReader(name);
  reader.write(text);
  return reader.finish();
}

/**
 * A string that shares no memory with the parser's input: saxes hands out slices of each 256 KB chunk it reads, and
 * V8 keeps a whole chunk alive for as long as any slice of it lives. A post id or an email kept until the end of the
 * import held its chunk with it: 10,000 posts kept most of a 64 MB export in memory.
 */
function ownCopy(text: string): string {
  return text.length === 0 ? '' : Buffer.from(text, 'utf8').toString('utf8');
}

class WxrReader {
  private readonly parser = new SaxesParser({ xmlns: false, position: true });
  private readonly stack: string[] = [];
  private text = '';
  private readonly result: WxrExport = { version: '', title: '', blogUrl: '', language: '', authors: [], terms: [], items: [] };
  private item?: WxrItem;
  private comment?: WxrComment;
  private meta?: { key: string; value: string };
  private term?: WxrTerm;
  private author?: Record<string, string>;
  private itemTerm?: { domain: string; slug: string };
  private sawRss = false;

  constructor(
    private readonly file: string,
    private readonly options: ParseOptions = {},
  ) {
    this.parser.on('error', (error) => {
      throw new WxrError(this.file, this.parser.line, `not well-formed XML: ${error.message.replace(/^[^:]*:\d+:\d+: /, '')}`);
    });
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('closetag', (tag) => this.close(tag.name));
    this.parser.on('text', (text) => (this.text += text));
    this.parser.on('cdata', (text) => (this.text += text));
  }

  write(chunk: string): void {
    this.parser.write(chunk);
  }

  finish(): WxrExport {
    this.parser.close();
    if (!this.sawRss) throw new WxrError(this.file, this.parser.line, 'not a WordPress export: the document has no <rss> element');
    if (!this.result.version) throw new WxrError(this.file, this.parser.line, 'not a WordPress export: <wp:wxr_version> is missing');
    return this.result;
  }

  private fail(message: string): never {
    throw new WxrError(this.file, this.parser.line, message);
  }

  private open(tag: SaxesTagPlain): void {
    const parent = this.stack.at(-1);
    this.stack.push(tag.name);
    this.text = '';
    if (this.stack.length === 1) {
      if (tag.name !== 'rss') this.fail(`not a WordPress export: the root element is <${tag.name}>, expected <rss>`);
      this.sawRss = true;
      return;
    }
    if (parent === 'channel') {
      if (tag.name === 'item') {
        if (!this.result.version) this.fail('not a WordPress export: <item> before any <wp:wxr_version>');
        this.item = emptyItem(this.parser.line);
      } else if (tag.name === 'wp:author') this.author = {};
      else if (tag.name === 'wp:category') this.term = emptyTerm('category');
      else if (tag.name === 'wp:tag') this.term = emptyTerm('post_tag');
      else if (tag.name === 'wp:term') this.term = emptyTerm('category');
    } else if (this.item && parent === 'item') {
      if (tag.name === 'wp:comment') this.comment = emptyComment();
      else if (tag.name === 'wp:postmeta') this.meta = { key: '', value: '' };
      else if (tag.name === 'category') this.itemTerm = { domain: String(tag.attributes.domain ?? ''), slug: String(tag.attributes.nicename ?? '') };
    }
  }

  private close(name: string): void {
    const text = ownCopy(this.text);
    this.text = '';
    this.stack.pop();
    const parent = this.stack.at(-1);
    if (parent === 'channel') this.closeChannelChild(name, text);
    else if (parent === 'item' && this.item) this.closeItemChild(this.item, name, text);
    else if (parent === 'wp:comment' && this.comment) {
      const field = COMMENT_FIELDS[name];
      if (field) this.comment[field] = text;
    } else if (parent === 'wp:postmeta' && this.meta) {
      if (name === 'wp:meta_key') this.meta.key = text;
      else if (name === 'wp:meta_value') this.meta.value = text;
    } else if (this.author && parent === 'wp:author') this.author[name] = text.trim();
    else if (this.term && (parent === 'wp:category' || parent === 'wp:tag' || parent === 'wp:term')) this.closeTermChild(this.term, name, text.trim());
  }

  private closeChannelChild(name: string, text: string): void {
    const value = text.trim();
    if (name === 'wp:wxr_version') {
      if (!SUPPORTED_WXR_VERSIONS.includes(value)) this.fail(`unsupported WXR version "${value}" in <wp:wxr_version> (this importer reads ${SUPPORTED_WXR_VERSIONS.join(', ')})`);
      this.result.version = value;
    } else if (name === 'title') this.result.title = value;
    else if (name === 'language') this.result.language = value;
    else if (name === 'link' && !this.result.blogUrl) this.result.blogUrl = value.replace(/\/+$/, '');
    else if (name === 'wp:base_blog_url' && value) this.result.blogUrl = value.replace(/\/+$/, '');
    else if (name === 'item' && this.item) this.closeItem(this.item);
    else if (name === 'wp:author' && this.author) {
      const a = this.author;
      if (!a['wp:author_login']) this.fail('<wp:author> has no <wp:author_login>');
      this.result.authors.push({ login: a['wp:author_login'], displayName: a['wp:author_display_name'] || a['wp:author_login'], email: a['wp:author_email'] ?? '', id: a['wp:author_id'] });
      this.author = undefined;
    } else if ((name === 'wp:category' || name === 'wp:tag' || name === 'wp:term') && this.term) {
      const term = this.term;
      this.term = undefined;
      if (name === 'wp:term' && !['category', 'post_tag'].includes(term.taxonomy)) return;
      if (!term.slug) this.fail(`<${name}> has no slug`);
      this.result.terms.push(term);
    }
  }

  private closeTermChild(term: WxrTerm, name: string, value: string): void {
    if (name === 'wp:term_id') term.id = value;
    else if (name === 'wp:category_nicename' || name === 'wp:tag_slug' || name === 'wp:term_slug') term.slug = value;
    else if (name === 'wp:cat_name' || name === 'wp:tag_name' || name === 'wp:term_name') term.name = value;
    else if (name === 'wp:category_parent' || name === 'wp:term_parent') term.parent = value;
    else if (name === 'wp:category_description' || name === 'wp:tag_description' || name === 'wp:term_description') term.description = value;
    else if (name === 'wp:term_taxonomy') term.taxonomy = value as WxrTerm['taxonomy'];
  }

  private closeItemChild(item: WxrItem, name: string, text: string): void {
    const field = ITEM_FIELDS[name];
    if (field) {
      (item as unknown as Record<string, string>)[field] = field === 'content' || field === 'excerpt' ? text : text.trim();
    } else if (name === 'category' && this.itemTerm) {
      item.terms.push({ ...this.itemTerm, name: text.trim() });
      this.itemTerm = undefined;
    } else if (name === 'wp:postmeta' && this.meta) {
      item.meta.set(this.meta.key, this.meta.value);
      this.meta = undefined;
    } else if (name === 'wp:comment' && this.comment) {
      item.comments.push(this.comment);
      this.comment = undefined;
    }
  }

  private closeItem(item: WxrItem): void {
    this.item = undefined;
    if (!/^\d+$/.test(item.id)) throw new WxrError(this.file, item.line, `<item> has no numeric <wp:post_id> (got "${item.id}")`);
    if (!item.postType) throw new WxrError(this.file, item.line, `<item> ${item.id} has no <wp:post_type>`);
    if (this.options.onItem) this.options.onItem(item);
    else if (!this.options.keep || this.options.keep(item)) this.result.items.push(item);
  }
}
