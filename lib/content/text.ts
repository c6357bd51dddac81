import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';

const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'tableCell', 'code']);

const WORDS_PER_MINUTE = 230;
const EXCERPT_LENGTH = 220;

/** Counts words in any script: runs of letters, digits and joining marks. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}\p{M}ʻʼ'’-]+/gu)?.length ?? 0;
}

/** Minutes a reader needs for `words` words, never less than one. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

/** Cuts `text` to at most `max` characters at a word boundary, adding an ellipsis when cut. */
export function truncateAtWord(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

/** The opening paragraph's text, shortened: the excerpt shown in lists. */
export function excerptOf(tree: Root): string {
  const firstParagraph = tree.children.find((node) => node.type === 'paragraph');
  return firstParagraph ? truncateAtWord(toString(firstParagraph), EXCERPT_LENGTH) : '';
}

/** Plain text of the article body, footnotes included, one line per block so words never run together. */
export function plainText(tree: Root): string {
  const blocks: string[] = [];
  visit(tree, (node: Nodes) => {
    if (!TEXT_BLOCKS.has(node.type)) return undefined;
    blocks.push(toString(node, { includeImageAlt: false }));
    return SKIP;
  });
  return blocks.join('\n');
}
