/**
 * `npm run fonts:fallbacks`: writes app/font-fallbacks.css, the metric-matched local fallbacks of the site's web fonts
 * (scripts/fonts/fallbacks.ts says why), from the Fontsource files in node_modules. Run it after updating
 * @fontsource/inter or @fontsource/source-serif-4; scripts/fonts/fallbacks.test.ts fails while the file is stale.
 *   npm run fonts:fallbacks [-- --check]
 */
import fs from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { fallbackCss, fallbackDescriptors, type FallbackFace, type FontMetrics, LOCAL_FONTS, SAMPLE_TEXT } from './fonts/fallbacks';

const ROOT = path.resolve(import.meta.dirname, '..');
export const FALLBACKS_CSS = path.join(ROOT, 'app', 'font-fallbacks.css');

/** A font file's metrics: its typographic ascent, descent and line gap (both families set USE_TYPO_METRICS). */
export function metricsOf(file: string): FontMetrics {
  const font = fontkit.openSync(file) as fontkit.Font;
  const glyphs = font.layout(SAMPLE_TEXT).glyphs;
  const averageWidth = glyphs.reduce((sum, glyph) => sum + glyph.advanceWidth, 0) / SAMPLE_TEXT.length;
  const os2 = font['OS/2'] as { typoAscender: number; typoDescender: number; typoLineGap: number };
  return { unitsPerEm: font.unitsPerEm, ascent: os2.typoAscender, descent: os2.typoDescender, lineGap: os2.typoLineGap, averageWidth: Math.round(averageWidth * 10) / 10 };
}

const fontsource = (pkg: string, file: string) => path.join(ROOT, 'node_modules', '@fontsource', pkg, 'files', file);

/** Every weight and style the site loads (app/layout.tsx), each against the local face a browser would use for it. */
const FACES: { family: string; weight: number; style: 'normal' | 'italic'; file: string; local: { names: readonly string[]; metrics: FontMetrics } }[] = [
  { family: 'Inter Fallback', weight: 400, style: 'normal', file: fontsource('inter', 'inter-latin-400-normal.woff2'), local: LOCAL_FONTS.sans.regular },
  { family: 'Inter Fallback', weight: 600, style: 'normal', file: fontsource('inter', 'inter-latin-600-normal.woff2'), local: LOCAL_FONTS.sans.bold },
  { family: 'Source Serif 4 Fallback', weight: 400, style: 'normal', file: fontsource('source-serif-4', 'source-serif-4-latin-400-normal.woff2'), local: LOCAL_FONTS.serif.regular },
  { family: 'Source Serif 4 Fallback', weight: 400, style: 'italic', file: fontsource('source-serif-4', 'source-serif-4-latin-400-italic.woff2'), local: LOCAL_FONTS.serif.italic },
  { family: 'Source Serif 4 Fallback', weight: 600, style: 'normal', file: fontsource('source-serif-4', 'source-serif-4-latin-600-normal.woff2'), local: LOCAL_FONTS.serif.bold },
  { family: 'Source Serif 4 Fallback', weight: 700, style: 'normal', file: fontsource('source-serif-4', 'source-serif-4-latin-700-normal.woff2'), local: LOCAL_FONTS.serif.bold },
];

export function generateFallbackCss(): string {
  const faces: FallbackFace[] = FACES.map(({ family, weight, style, file, local }) => ({
    family,
    weight,
    style,
    localNames: local.names,
    descriptors: fallbackDescriptors(metricsOf(file), local.metrics),
  }));
  return fallbackCss(faces, '/* Written by `npm run fonts:fallbacks` (scripts/font-fallbacks.ts): do not edit. */');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const css = generateFallbackCss();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(FALLBACKS_CSS) ? fs.readFileSync(FALLBACKS_CSS, 'utf8') : '';
    if (current !== css) {
      console.error(`${path.relative(ROOT, FALLBACKS_CSS)} is stale: run npm run fonts:fallbacks`);
      process.exit(1);
    }
  } else {
    fs.writeFileSync(FALLBACKS_CSS, css);
    console.log(`wrote ${path.relative(ROOT, FALLBACKS_CSS)}`);
  }
}
