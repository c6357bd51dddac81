import fs from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';

const sizes = new Map<string, { width: number; height: number } | { error: string }>();

/** Width and height of a site-absolute image path such as /images/x.jpg, read from publicDir. */
export function readImageSize(publicDir: string, src: string): { width: number; height: number } | { error: string } {
  const key = `${publicDir}\0${src}`;
  const known = sizes.get(key);
  if (known) return known;
  const result = measure(publicDir, src);
  sizes.set(key, result);
  return result;
}

function measure(publicDir: string, src: string): { width: number; height: number } | { error: string } {
  if (!/^\/[A-Za-z0-9/_.-]+$/.test(src) || src.includes('..')) {
    return { error: 'must be a local image path under public/, e.g. /images/photo.jpg' };
  }
  const file = path.join(publicDir, src);
  try {
    const { width, height } = imageSize(fs.readFileSync(file));
    if (!width || !height) return { error: `cannot read the size of public${src}` };
    return { width, height };
  } catch {
    return { error: `public${src} does not exist or is not an image` };
  }
}
