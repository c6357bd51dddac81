import fs from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import { type FileStamp, isUnchanged, stampOf } from './file-stamp';

type ImageSize = { width: number; height: number } | { error: string };

// Keyed by file and checked against its stamp on every call: a long-running server must see a replaced or deleted
// image, and a stat costs microseconds where reading the image costs a read of the whole file.
const sizes = new Map<string, { stamp: FileStamp; readAt: number; result: ImageSize }>();

/** Width and height of a site-absolute image path such as /images/x.jpg, read from publicDir as it is now. */
export function readImageSize(publicDir: string, src: string): ImageSize {
  if (!/^\/[A-Za-z0-9/_.-]+$/.test(src) || src.includes('..')) {
    return { error: 'must be a local image path under public/, e.g. /images/photo.jpg' };
  }
  const file = path.join(publicDir, src);
  let stamp: FileStamp;
  try {
    stamp = stampOf(fs.statSync(file));
  } catch {
    sizes.delete(file);
    return missing(src);
  }
  const known = sizes.get(file);
  if (known && isUnchanged(known.stamp, stamp, known.readAt)) return known.result;
  const readAt = Date.now();
  const result = measure(file, src);
  sizes.set(file, { stamp, readAt, result });
  return result;
}

function measure(file: string, src: string): ImageSize {
  try {
    const { width, height } = imageSize(fs.readFileSync(file));
    if (!width || !height) return { error: `cannot read the size of public${src}` };
    return { width, height };
  } catch {
    return missing(src);
  }
}

const missing = (src: string): ImageSize => ({ error: `public${src} does not exist or is not an image` });
