import type { Element, Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeExternalLinks from 'rehype-external-links';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { readImageSize } from './images';

const PREFIX = 'user-content-';

// The footnotes heading's id, which remark-rehype does not prefix.
const FOOTNOTE_LABEL = 'footnote-label';
const ownId = [new RegExp(`^${PREFIX}`), FOOTNOTE_LABEL];

/**
 * GitHub's schema plus <abbr>, except that ids are never rewritten: remark-rehype already
 * prefixes the footnote ids it makes, and any other id from an author's raw HTML is dropped,
 * so nothing in an article can clobber the page's own ids.
 */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  clobber: [],
  tagNames: [...(defaultSchema.tagNames ?? []), 'abbr'],
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []).filter((a) => a !== 'id'), ['id', ...ownId]],
    a: [...(defaultSchema.attributes?.a ?? []).filter((a) => a !== 'ariaDescribedBy'), ['ariaDescribedBy', ...ownId]],
    abbr: ['title'],
  },
};

const markdownParser = unified().use(remarkParse).use(remarkGfm);

/** Parses Markdown (GitHub-flavoured) into a syntax tree, for word counts, excerpts and checks. */
export function parseMarkdown(markdown: string): Root {
  return markdownParser.parse(markdown);
}

/** Adds the pixel size and lazy loading to local images; drops remote ones. */
function rehypeLocalImages(options: { publicDir: string }) {
  return (tree: HastRoot) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'img') return;
      const src = String(node.properties.src ?? '');
      const size = readImageSize(options.publicDir, src);
      if ('error' in size) {
        if (parent && index !== undefined) parent.children.splice(index, 1);
        return index;
      }
      node.properties.width = size.width;
      node.properties.height = size.height;
      node.properties.loading = 'lazy';
      node.properties.decoding = 'async';
    });
  };
}

/** Renders an article body to sanitised HTML with heading anchors, footnotes and safe external links. */
export function renderMarkdown(markdown: string, options: { publicDir: string; siteUrl: string }): string {
  const siteHost = new URL(options.siteUrl).host;
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, {
      allowDangerousHtml: true,
      clobberPrefix: PREFIX,
      footnoteLabel: 'Notes',
      footnoteLabelTagName: 'h2',
      footnoteLabelProperties: {},
    })
    .use(rehypeRaw)
    .use(rehypeSanitize, sanitizeSchema)
    // Everything below runs on sanitised, trusted structure.
    .use(rehypeSlug)
    .use(rehypeAutolinkHeadings, { behavior: 'wrap', properties: { className: ['heading-anchor'] } })
    .use(rehypeExternalLinks, {
      rel: ['noopener', 'noreferrer'],
      test: (element: Element) => isExternal(String(element.properties.href ?? ''), siteHost),
    })
    .use(rehypeLocalImages, { publicDir: options.publicDir })
    .use(rehypeStringify);
  return String(processor.processSync(markdown));
}

function isExternal(href: string, siteHost: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('//')) return false;
  try {
    const url = new URL(href, 'http://relative.invalid');
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== siteHost;
  } catch {
    return false;
  }
}
