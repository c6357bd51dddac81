import fs from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { imageSize } from 'image-size';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderCard } from './card';
import { type CardData, cardVersion, fitHeadline } from './card-data';
import { CARD_FONTS, fontPath } from './fonts';

const OUT = path.join(process.cwd(), 'test-results', 'cards');

const cards: Record<string, CardData> = {
  cyrillic: {
    kicker: 'Eurasia · Security',
    title: 'Вода Сырдарьи: как Казахстан, Кыргызстан и Узбекистан делят одну реку',
    byline: 'By Aigerim Sadykova',
    date: '12 August 2024',
    tags: ['KZ', 'KG', 'UZ'],
  },
  turkmen: {
    kicker: 'Economy & Energy',
    title: 'From Galkynyş to Toshkent: the gas that binds Türkmenistan and Oʻzbekiston (ž, ý, ň, gʻ)',
    byline: 'By Daniel Whitfield',
    date: '14 March 2025',
    tags: ['TM', 'UZ'],
  },
  markup: {
    kicker: 'Opinion',
    title: '<svg onload="alert(1)"><script>alert(2)</script></svg> & <b>not bold</b>',
    byline: 'By Eurasian Star Staff',
    date: '5 February 2024',
    tags: [],
  },
};

async function png(card: CardData): Promise<Buffer> {
  return Buffer.from(await renderCard(card).arrayBuffer());
}

afterEach(() => vi.unstubAllGlobals());

describe('card fonts', () => {
  it.each(Object.entries(cards))('have a glyph for every character of the %s card', (_name, card) => {
    for (const { file } of CARD_FONTS) {
      const font = fontkit.openSync(fontPath(file)) as fontkit.Font;
      const text = [card.kicker, card.title, card.byline, card.date, ...card.tags, 'Eurasian Star …·'].join('');
      const missing = [...new Set(text)].filter((ch) => ch.trim() && !font.hasGlyphForCodePoint(ch.codePointAt(0)!));
      expect(missing, `${file} lacks ${missing.join(' ')}`).toEqual([]);
    }
  });
});

describe('renderCard', () => {
  it.each(Object.keys(cards))('draws the %s card as a 1200×630 PNG without fetching anything', async (name) => {
    // The renderer loads its own WebAssembly from a data: URL; anything else would be a font fetched from the network.
    const realFetch = globalThis.fetch;
    const remote: string[] = [];
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.startsWith('data:')) return realFetch(input, init);
      remote.push(url);
      return Promise.reject(new Error('no network in tests'));
    });
    const image = await png(cards[name]!);
    expect(remote).toEqual([]);
    expect(imageSize(image)).toMatchObject({ type: 'png', width: 1200, height: 630 });
    expect(image.length).toBeLessThan(300 * 1024);
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(path.join(OUT, `${name}.png`), image);
  });

  it('fits a 400-character headline on four lines with an ellipsis', async () => {
    const title = 'A very long headline about the Caspian, pipelines, railways and water '.repeat(6).slice(0, 400);
    const fit = fitHeadline(title);
    expect(fit.fontSize).toBe(38);
    expect(fit.text.endsWith('…')).toBe(true);
    expect(fit.text.length).toBeLessThan(title.length);
    const image = await png({ ...cards.turkmen!, title });
    expect(imageSize(image)).toMatchObject({ width: 1200, height: 630 });
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(path.join(OUT, 'long.png'), image);
  });
});

describe('fitHeadline', () => {
  it('keeps short headlines large and whole', () => {
    expect(fitHeadline('EU and Central Asia hold political and security dialogue')).toEqual({
      fontSize: 76,
      text: 'EU and Central Asia hold political and security dialogue',
    });
  });

  it('steps the size down as headlines grow', () => {
    const sizes = [60, 120, 200, 260].map((n) => fitHeadline('word '.repeat(n / 5).trim()).fontSize);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    expect(new Set(sizes).size).toBeGreaterThan(1);
  });
});

describe('cardVersion', () => {
  it('changes when any drawn text changes, and only then', () => {
    const base = cards.cyrillic!;
    expect(cardVersion(base)).toBe(cardVersion({ ...base }));
    expect(cardVersion({ ...base, title: `${base.title}!` })).not.toBe(cardVersion(base));
    expect(cardVersion({ ...base, date: '13 August 2024' })).not.toBe(cardVersion(base));
  });
});
