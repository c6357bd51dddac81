/**
 * Crops of an article's hero image in the three shapes search engines ask for (16:9, 4:3, 1:1),
 * cut around the most interesting part of the picture. Listed in the article's JSON-LD and drawn
 * by app/hero/[slug]/[file] (the newest articles' at build time, older ones on their first request).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Article } from '../content/types';

export const CROP_RATIOS = [
  { name: '16x9', across: 16, down: 9 },
  { name: '4x3', across: 4, down: 3 },
  { name: '1x1', across: 1, down: 1 },
] as const;

/** Crops are never wider than this, and never larger than the original. */
export const MAX_CROP_WIDTH = 1200;

export interface HeroCrop {
  ratio: (typeof CROP_RATIOS)[number]['name'];
  width: number;
  height: number;
  /** Site-absolute path; the file name carries a hash of the original, so a new picture is a new address. */
  path: string;
}

const versions = new Map<string, string>();

function sourceVersion(file: string): string {
  let version = versions.get(file);
  if (version === undefined) {
    version = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 12);
    versions.set(file, version);
  }
  return version;
}

/** The largest crop of `ratio` that fits a width × height original, scaled down to MAX_CROP_WIDTH. */
export function cropSize(width: number, height: number, across: number, down: number): { width: number; height: number } {
  const fit = Math.min(width / across, height / down);
  const scale = Math.min(1, MAX_CROP_WIDTH / (fit * across));
  return { width: Math.floor(fit * across * scale), height: Math.floor(fit * down * scale) };
}

/** The crops of `article`'s hero image; none when it has no hero. */
export function heroCrops(article: Pick<Article, 'slug' | 'hero'>, publicDir: string): HeroCrop[] {
  const hero = article.hero;
  if (!hero) return [];
  const version = sourceVersion(path.join(publicDir, hero.src));
  return CROP_RATIOS.map(({ name, across, down }) => ({
    ratio: name,
    ...cropSize(hero.width, hero.height, across, down),
    path: `/hero/${article.slug}/${name}-${version}.jpg`,
  }));
}

/** The JPEG of `crop`, cut from the original with sharp's attention strategy. */
export async function renderCrop(article: Pick<Article, 'hero'>, crop: HeroCrop, publicDir: string): Promise<Buffer> {
  const file = path.join(publicDir, article.hero!.src);
  return sharp(file)
    .rotate()
    .resize(crop.width, crop.height, { fit: 'cover', position: sharp.strategy.attention })
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer();
}
