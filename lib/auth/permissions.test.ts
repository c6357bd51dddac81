import { describe, expect, it } from 'vitest';
import { canModerate, canPreviewDrafts, type SessionUser } from './permissions';

const editor: SessionUser = { id: 'e1', email: 'ed@example.com', name: 'Ed', role: 'editor' };

describe('permissions', () => {
  it('let editors moderate and preview', () => {
    expect(canModerate(editor)).toBe(true);
    expect(canPreviewDrafts(editor)).toBe(true);
  });

  it('refuse anonymous visitors and users without the editor role', () => {
    for (const user of [null, undefined, { ...editor, role: 'reader' } as unknown as SessionUser]) {
      expect(canModerate(user)).toBe(false);
      expect(canPreviewDrafts(user)).toBe(false);
    }
  });
});
