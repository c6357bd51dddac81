import type { CommentNode, PublicComment } from './types';

/**
 * Nests comments under their parents, oldest first at every level. A comment whose parent is not
 * in the list (not approved, or deleted) is shown at the top level rather than lost.
 */
export function buildCommentTree(comments: PublicComment[]): CommentNode[] {
  const nodes = new Map<string, CommentNode>();
  const sorted = [...comments].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  for (const comment of sorted) nodes.set(comment.id, { ...comment, depth: 1, replies: [] });
  const roots: CommentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.replies.push(node);
    else roots.push(node);
  }
  const setDepth = (list: CommentNode[], depth: number) => {
    for (const node of list) {
      node.depth = depth;
      setDepth(node.replies, depth + 1);
    }
  };
  setDepth(roots, 1);
  return roots;
}
