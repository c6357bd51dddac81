/**
 * WordPress post HTML (classic editor or block editor) to the site's Markdown: block comments dropped (their HTML
 * kept), shortcodes expanded, classic line breaks made paragraphs as WordPress's wpautop does, then the unified
 * family the site renders with: rehype-parse → the site's own sanitiser (lib/content/render.ts: no script, iframe,
 * style or event handler survives) → rehype-remark → remark-stringify. Images go through `resolveImage`: a local
 * copy gets its /images/… path; one without a copy becomes a link to the original (check-content accepts links, not
 * remote images).
 */
import type { Element, ElementContent, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { sanitizeSchema } from '../../content/render';
import { type ShortcodeContext, expandShortcodes } from './shortcodes';

export interface ConvertContext extends ShortcodeContext {
  /** The local /images/… path for an image URL, or undefined to keep the original as a link. */
  resolveImage(url: string): string | undefined;
}

const BLOCK_TAGS = 'address|article|aside|blockquote|dd|div|dl|dt|figure|figcaption|footer|form|h[1-6]|header|hr|li|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul|iframe|video|audio|object|embed|style|script|select|option';
const startsWithBlock = new RegExp(`^\\s*<(?:/)?(?:${BLOCK_TAGS})\\b`, 'i');

/** WordPress's wpautop, simplified: blank lines separate paragraphs, a single line break is a <br>; <pre> is left alone. */
export function autoParagraphs(html: string): string {
  const kept: string[] = [];
  const protectedHtml = html.replace(/\r\n?/g, '\n').replace(/<pre\b[\s\S]*?<\/pre>/gi, (pre) => `\u0000${kept.push(pre) - 1}\u0000`);
  const blocks = protectedHtml.split(/\n[ \t]*\n/).map((block) => block.trim()).filter(Boolean);
  const out = blocks.map((block) => {
    if (/^\u0000\d+\u0000$/.test(block) || startsWithBlock.test(block)) return block;
    return `<p>${block.replace(/\n/g, '<br>\n')}</p>`;
  });
  return out.join('\n').replace(/\u0000(\d+)\u0000/g, (_, i: string) => kept[Number(i)]!);
}

/** Before sanitising: embeds become links, figures keep their caption as an emphasised line, images resolve. */
function rehypeWordpress() {
  return (tree: Root, file: VFile) => {
    const ctx = file.data.wordpress as ConvertContext;
    visit(tree, 'element', (node: Element, index, parent) => {
      if (!parent || index === undefined) return;
      if (node.tagName === 'iframe' || node.tagName === 'embed' || node.tagName === 'video' || node.tagName === 'audio') {
        const src = String(node.properties.src ?? findSource(node) ?? '');
        const replacement: ElementContent[] = src.startsWith('http') ? [el('a', { href: src }, [{ type: 'text', value: src }])] : [];
        parent.children.splice(index, 1, ...replacement);
        return index;
      }
      // The page's headline is its only <h1>: a heading 1 in the post becomes a heading 2.
      if (node.tagName === 'h1') node.tagName = 'h2';
      if (node.tagName === 'figure') node.tagName = 'div';
      if (node.tagName === 'figcaption') {
        node.tagName = 'p';
        node.children = [el('em', {}, node.children)];
      }
      if (node.tagName === 'img') {
        const src = String(node.properties.src ?? '');
        const alt = String(node.properties.alt ?? '').trim();
        const local = src ? ctx.resolveImage(src) : undefined;
        if (local) {
          node.properties = { src: local, alt };
        } else {
          // No local copy: the original stays reachable as a link, never as a remote image (README, Writing an article).
          const link = el('a', { href: src }, [{ type: 'text', value: alt ? `Image: ${alt}` : 'Image' }]);
          parent.children.splice(index, 1, ...(src ? [link] : []));
          return index;
        }
      }
    });
  };
}

const el = (tagName: string, properties: Element['properties'], children: ElementContent[]): Element => ({ type: 'element', tagName, properties, children });

function findSource(node: Element): string | undefined {
  for (const child of node.children) if (child.type === 'element' && child.tagName === 'source' && child.properties.src) return String(child.properties.src);
  return undefined;
}

// One processor for every post (building one per post was a third of the conversion time); each call's context
// travels in its VFile.
const processor = unified()
  .use(rehypeParse, { fragment: true })
  .use(rehypeWordpress)
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeRemark)
  .use(remarkGfm)
  .use(remarkStringify, { bullet: '-', emphasis: '*', strong: '*', fences: true, rule: '-' })
  .freeze();

declare module 'vfile' {
  interface DataMap {
    wordpress: unknown;
  }
}

/** Converts one post's HTML to Markdown; `ctx.warn` collects what could not be carried over. */
export function wordpressHtmlToMarkdown(html: string, ctx: ConvertContext): string {
  const blockEditor = /<!--\s*wp:/.test(html);
  let source = html.replace(/<!--[\s\S]*?-->/g, '');
  source = expandShortcodes(source, ctx);
  if (!blockEditor) source = autoParagraphs(source);
  const file = new VFile({ value: source, data: { wordpress: ctx } });
  const tree = processor.runSync(processor.parse(file), file);
  return String(processor.stringify(tree as never, file)).trim();
}
