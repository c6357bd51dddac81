import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './render';
import { countWords, excerptOf, plainText, readingMinutes, truncateAtWord } from './text';

describe('countWords', () => {
  it('counts words in Latin, Cyrillic and Uzbek Latin with modifier letters', () => {
    expect(countWords('The EU met Central Asia')).toBe(5);
    expect(countWords('Вода Сырдарьи: как делят одну реку')).toBe(6);
    expect(countWords('Oʻzbekiston va Gʻarb — Türkmenistan, Aşgabat')).toBe(5);
  });

  it('counts an empty text as zero words', () => {
    expect(countWords('  \n ')).toBe(0);
  });
});

describe('readingMinutes', () => {
  it('rounds to whole minutes at 230 words a minute and is never zero', () => {
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(100)).toBe(1);
    expect(readingMinutes(460)).toBe(2);
    expect(readingMinutes(2300)).toBe(10);
  });
});

describe('truncateAtWord', () => {
  it('leaves short text alone and collapses whitespace', () => {
    expect(truncateAtWord('  short   text ', 50)).toBe('short text');
  });

  it('cuts at a word boundary, drops trailing punctuation and adds an ellipsis', () => {
    expect(truncateAtWord('Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan', 30)).toBe('Kazakhstan, Kyrgyzstan…');
  });
});

describe('plainText and excerptOf', () => {
  it('keeps words of separate blocks apart', () => {
    expect(countWords(plainText(parseMarkdown('First para ends\n\nSecond begins\n\n| a | b |\n|---|---|\n| c | d |\n')))).toBe(9);
  });

  it('takes the excerpt from the first paragraph, not from a heading', () => {
    expect(excerptOf(parseMarkdown('## Heading\n\nThe *first* paragraph.\n\nThe second.\n'))).toBe('The first paragraph.');
  });
});
