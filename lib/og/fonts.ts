import fs from 'node:fs';
import path from 'node:path';

/**
 * The card's fonts: full Noto TTFs from npm (satori needs TTF/OTF/WOFF, not WOFF2), covering Latin,
 * Latin Extended (Turkmen, Uzbek, Kazakh Latin) and Cyrillic, so no glyph is ever fetched or boxed.
 */
export const CARD_FONTS = [
  { name: 'Noto Serif', weight: 700, file: '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf' },
  { name: 'Noto Sans', weight: 400, file: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf' },
  { name: 'Noto Sans', weight: 600, file: '@expo-google-fonts/noto-sans/600SemiBold/NotoSans_600SemiBold.ttf' },
] as const;

/** Absolute path of a font file inside node_modules. */
export function fontPath(file: string): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), 'node_modules', file);
}

type SatoriFont = { name: string; data: ArrayBuffer; weight: 400 | 600 | 700; style: 'normal' };
let loaded: SatoriFont[] | undefined;

/** The fonts as ImageResponse wants them, read once per process. */
export function cardFonts(): SatoriFont[] {
  loaded ??= CARD_FONTS.map(({ name, weight, file }) => {
    const buffer = fs.readFileSync(fontPath(file));
    return { name, weight, style: 'normal' as const, data: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer };
  });
  return loaded;
}
