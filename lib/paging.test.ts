import { describe, expect, it } from 'vitest';
import { extraPageParams, pageWindow, paginate, parsePageParam } from './paging';

describe('paginate', () => {
  const items = Array.from({ length: 23 }, (_, i) => i);

  it('slices a list into pages of the given size', () => {
    expect(paginate(items, 1, 10)).toEqual({ items: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], page: 1, totalPages: 3, total: 23 });
    expect(paginate(items, 3, 10)?.items).toEqual([20, 21, 22]);
  });

  it('has no page past the end, nor a page 0', () => {
    expect(paginate(items, 4, 10)).toBeUndefined();
    expect(paginate(items, 0, 10)).toBeUndefined();
  });

  it('always has a page 1, even for an empty list', () => {
    expect(paginate([], 1, 10)).toEqual({ items: [], page: 1, totalPages: 1, total: 0 });
  });
});

describe('extraPageParams', () => {
  it('lists pages 2…N only', () => {
    expect(extraPageParams(23, 10)).toEqual([{ n: '2' }, { n: '3' }]);
    expect(extraPageParams(10, 10)).toEqual([]);
    expect(extraPageParams(0, 10)).toEqual([]);
  });
});

describe('parsePageParam', () => {
  it.each([['2', 2], ['10', 10]])('accepts %s', (raw, page) => expect(parsePageParam(raw)).toBe(page));
  it.each(['1', '0', '02', '-1', '2.5', 'abc', '', '1e3', '9999999'])('rejects %j', (raw) => expect(parsePageParam(raw)).toBeUndefined());
});

describe('pageWindow', () => {
  it('shows every page of a short list', () => {
    expect(pageWindow(2, 4)).toEqual([1, 2, 3, 4]);
  });

  it('shows the ends and the neighbourhood of the current page, with gaps', () => {
    expect(pageWindow(50, 100)).toEqual([1, null, 48, 49, 50, 51, 52, null, 100]);
    expect(pageWindow(1, 100)).toEqual([1, 2, 3, null, 100]);
  });
});
