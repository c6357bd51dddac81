import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FALLBACKS_CSS, generateFallbackCss, metricsOf } from '../font-fallbacks';
import { fallbackCss, fallbackDescriptors } from './fallbacks';

describe('fallbackDescriptors', () => {
  it('scales the fallback to the main font’s average width and gives it the main font’s vertical metrics', () => {
    // A main font 10% wider than the fallback, ascent 0.9 em, descent 0.25 em, no line gap.
    const main = { unitsPerEm: 1000, ascent: 900, descent: -250, lineGap: 0, averageWidth: 550 };
    const fallback = { unitsPerEm: 2048, ascent: 1854, descent: -434, lineGap: 67, averageWidth: 1024 };
    expect(fallbackDescriptors(main, fallback)).toEqual({ sizeAdjust: 110, ascentOverride: 81.82, descentOverride: 22.73, lineGapOverride: 0 });
  });

  it('changes nothing for a fallback with the very same metrics', () => {
    const same = { unitsPerEm: 2048, ascent: 1900, descent: -500, lineGap: 100, averageWidth: 1000 };
    expect(fallbackDescriptors(same, same)).toEqual({ sizeAdjust: 100, ascentOverride: 92.77, descentOverride: 24.41, lineGapOverride: 4.88 });
  });
});

describe('fallbackCss', () => {
  it('writes one @font-face per face, naming the local fonts in order', () => {
    const css = fallbackCss(
      [{ family: 'X Fallback', weight: 600, style: 'italic', localNames: ['Arial Bold', 'Liberation Sans Bold'], descriptors: { sizeAdjust: 101.5, ascentOverride: 90, descentOverride: 22.5, lineGapOverride: 0 } }],
      '/* header */',
    );
    expect(css).toBe(
      "/* header */\n\n@font-face {\n  font-family: 'X Fallback';\n  font-style: italic;\n  font-weight: 600;\n  src: local('Arial Bold'), local('Liberation Sans Bold');\n" +
        '  size-adjust: 101.5%;\n  ascent-override: 90%;\n  descent-override: 22.5%;\n  line-gap-override: 0%;\n}\n',
    );
  });
});

describe('app/font-fallbacks.css', () => {
  it('is what npm run fonts:fallbacks writes from the installed Fontsource files (run it after updating them)', () => {
    expect(fs.readFileSync(FALLBACKS_CSS, 'utf8')).toBe(generateFallbackCss());
  });

  it('reads a web font’s typographic metrics', () => {
    const inter = metricsOf('node_modules/@fontsource/inter/files/inter-latin-400-normal.woff2');
    expect(inter).toMatchObject({ unitsPerEm: 2048, ascent: 1984, descent: -494, lineGap: 0 });
    expect(inter.averageWidth).toBeGreaterThan(900);
  });
});
