import { describe, expect, it } from 'vitest';
import { buildCommentTree } from './tree';
import type { PublicComment } from './types';

const c = (id: string, parentId: string | null, minute: number): PublicComment => ({
  id,
  parentId,
  name: id,
  url: null,
  body: 'text',
  createdAt: `2026-01-01T10:${String(minute).padStart(2, '0')}:00.000Z`,
  editorReply: false,
});

describe('buildCommentTree', () => {
  it('nests replies under parents, oldest first, with depths', () => {
    const tree = buildCommentTree([c('b', null, 2), c('a', null, 1), c('a2', 'a', 4), c('a1', 'a', 3), c('a1x', 'a1', 5)]);
    expect(tree.map((n) => n.id)).toEqual(['a', 'b']);
    expect(tree[0]!.replies.map((n) => n.id)).toEqual(['a1', 'a2']);
    expect(tree[0]!.replies[0]!.replies[0]).toMatchObject({ id: 'a1x', depth: 3 });
  });

  it('shows a reply whose parent is not public at the top level', () => {
    expect(buildCommentTree([c('orphan', 'gone', 1)]).map((n) => [n.id, n.depth])).toEqual([['orphan', 1]]);
  });
});
