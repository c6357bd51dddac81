/**
 * Metric-matched fallback faces for the site's web fonts (app/font-fallbacks.css, written by
 * `npm run fonts:fallbacks`). The web fonts load with `font-display: swap`: text is painted at once in a local font,
 * then again in Inter or Source Serif 4 when they arrive. With a plain fallback the two differ in width and line
 * height, so lines rewrap and everything below them moves (Lighthouse measured CLS 0.02–0.14 from this alone). A
 * fallback face is the local font scaled to the web font's average width (`size-adjust`) and given its ascent, descent
 * and line gap (`*-override`), so the swap changes the letters' shapes and almost nothing else. next/font does the
 * same for fonts it hosts; this site takes its fonts from Fontsource (Latin, Latin Extended and Cyrillic subsets).
 */

/** What the calculation needs of a font, in font units. */
export interface FontMetrics {
  unitsPerEm: number;
  ascent: number;
  /** Negative, below the baseline, as fonts store it. */
  descent: number;
  lineGap: number;
  /** The average advance width of a character of SAMPLE_TEXT. */
  averageWidth: number;
}

/**
 * The text whose average character width is matched: ordinary English prose, as the site's headlines and body text
 * are, capitals, spaces and punctuation included.
 */
export const SAMPLE_TEXT =
  'The eleventh round of the annual High-Level Political and Security Dialogue between the European Union and Central Asia took place in June. ' +
  'Kazakhstan mines more uranium than any other country, and the quick brown fox jumps over the lazy dog.';

/**
 * Arial's and Times New Roman's metrics (hhea, which browsers use for them; only the average width enters the
 * calculation), measured with SAMPLE_TEXT from Liberation Sans and Liberation Serif 2.1 (Debian's fonts-liberation),
 * which are metric-compatible with them by design: the same advance widths and vertical metrics. Each face is named
 * by full name and PostScript name, the Microsoft font first, as local() matches them.
 */
export const LOCAL_FONTS = {
  sans: {
    regular: { names: ['Arial', 'ArialMT', 'Liberation Sans', 'LiberationSans'], metrics: { unitsPerEm: 2048, ascent: 1854, descent: -434, lineGap: 67, averageWidth: 934.3 } },
    bold: { names: ['Arial Bold', 'Arial-BoldMT', 'Liberation Sans Bold', 'LiberationSans-Bold'], metrics: { unitsPerEm: 2048, ascent: 1854, descent: -434, lineGap: 67, averageWidth: 1003.5 } },
  },
  serif: {
    regular: { names: ['Times New Roman', 'TimesNewRomanPSMT', 'Liberation Serif', 'LiberationSerif'], metrics: { unitsPerEm: 2048, ascent: 1825, descent: -443, lineGap: 87, averageWidth: 851.2 } },
    italic: { names: ['Times New Roman Italic', 'TimesNewRomanPS-ItalicMT', 'Liberation Serif Italic', 'LiberationSerif-Italic'], metrics: { unitsPerEm: 2048, ascent: 1825, descent: -443, lineGap: 87, averageWidth: 852.7 } },
    bold: { names: ['Times New Roman Bold', 'TimesNewRomanPS-BoldMT', 'Liberation Serif Bold', 'LiberationSerif-Bold'], metrics: { unitsPerEm: 2048, ascent: 1825, descent: -443, lineGap: 87, averageWidth: 908.9 } },
  },
} as const;

export interface FallbackDescriptors {
  sizeAdjust: number;
  ascentOverride: number;
  descentOverride: number;
  lineGapOverride: number;
}

/**
 * The descriptors that make `fallback` take the room `main` takes: scaled to the same average width, and with the
 * main font's ascent, descent and line gap (given as percentages of the used size, which size-adjust scales too, so
 * they are divided by it). Percentages, rounded to 2 decimals.
 */
export function fallbackDescriptors(main: FontMetrics, fallback: FontMetrics): FallbackDescriptors {
  const sizeAdjust = main.averageWidth / main.unitsPerEm / (fallback.averageWidth / fallback.unitsPerEm);
  const percent = (units: number) => Math.round((Math.abs(units) / (main.unitsPerEm * sizeAdjust)) * 10_000) / 100;
  return {
    sizeAdjust: Math.round(sizeAdjust * 10_000) / 100,
    ascentOverride: percent(main.ascent),
    descentOverride: percent(main.descent),
    lineGapOverride: percent(main.lineGap),
  };
}

export interface FallbackFace {
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  localNames: readonly string[];
  descriptors: FallbackDescriptors;
}

/** One @font-face rule per face: the local fonts by name, first found wins. */
export function fallbackCss(faces: readonly FallbackFace[], header: string): string {
  const rules = faces.map(({ family, weight, style, localNames, descriptors: d }) =>
    [
      '@font-face {',
      `  font-family: '${family}';`,
      `  font-style: ${style};`,
      `  font-weight: ${weight};`,
      `  src: ${localNames.map((name) => `local('${name}')`).join(', ')};`,
      `  size-adjust: ${d.sizeAdjust}%;`,
      `  ascent-override: ${d.ascentOverride}%;`,
      `  descent-override: ${d.descentOverride}%;`,
      `  line-gap-override: ${d.lineGapOverride}%;`,
      '}',
    ].join('\n'),
  );
  return `${header}\n\n${rules.join('\n\n')}\n`;
}
