import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashesForPage, inlineScriptHashes, isNextBootstrap } from './script-policy.mjs';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const push = (row: unknown) => `self.__next_f.push(${JSON.stringify(row)})`;

describe('isNextBootstrap', () => {
  it("recognises Next's three inline bootstrap calls with a JSON argument", () => {
    expect(isNextBootstrap('(self.__next_f=self.__next_f||[]).push([0])')).toBe(true);
    expect(isNextBootstrap(push([1, '1:"$Sreact.fragment"\n2:I[1,[]]']))).toBe(true);
    expect(isNextBootstrap('(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["a.js"],"runtimeModuleIds":[4]});')).toBe(true);
  });

  it('refuses anything else, including code dressed as a bootstrap call', () => {
    for (const text of ['alert(1)', 'self.__next_f.push([1]);alert(1)', 'self.__next_f.push(alert(1))', 'self.__next_f.push([1])//', 'window.x=1;self.__next_f.push([1])']) {
      expect(isNextBootstrap(text), text).toBe(false);
    }
  });
});

describe('inlineScriptHashes', () => {
  it("hashes the exact text of each of Next's inline scripts, Cyrillic and all, once each", () => {
    const row = push([1, 'Кыргызстан — \u003c/b\u003e']);
    const html = `<html><head><script>${row}</script></head><body><script async="">${row}</script><script id="_R_">(self.__next_f=self.__next_f||[]).push([0])</script></body></html>`;
    expect(inlineScriptHashes(html)).toEqual([sha(row), sha('(self.__next_f=self.__next_f||[]).push([0])')]);
  });

  it('skips script files, data blocks, empty elements and inline code that is not Next’s', () => {
    const html = [
      '<script src="/_next/static/chunks/a.js" async=""></script>',
      '<script type="application/ld+json">{"@type":"NewsArticle"}</script>',
      '<script></script>',
      '<script>alert(document.cookie)</script>',
      `<script type="text/javascript">${push([2, null])}</script>`,
      `<SCRIPT>${push([1, 'b'])}</SCRIPT >`,
    ].join('');
    expect(inlineScriptHashes(html)).toEqual([sha(push([2, null])), sha(push([1, 'b']))]);
  });
});

describe('hashesForPage', () => {
  it('answers a page version (its ETag) from memory, and hashes a page of another ETag or length again', () => {
    const one = `<script>${push([1, 'one'])}</script>`;
    const first = hashesForPage(one, '"v1"');
    expect(first).toEqual([sha(push([1, 'one']))]);
    expect(hashesForPage(one, '"v1"')).toBe(first);
    expect(hashesForPage(one, '"v2"')).not.toBe(first);
    expect(hashesForPage(`<script>${push([1, 'twenty'])}</script>`, '"v1"')).toEqual([sha(push([1, 'twenty']))]);
    expect(hashesForPage(`<script>${push([1, 'three'])}</script>`, undefined)).toEqual([sha(push([1, 'three']))]);
  });
});
