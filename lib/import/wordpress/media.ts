/**
 * Images: a WordPress upload URL (…/wp-content/uploads/2024/05/x.jpg, or …files.wordpress.com/2024/05/x.jpg) is
 * looked up in the --uploads folder, the full-size original when the resized copy (x-300x200.jpg) is not there, and
 * copied to public/images/wp/<year>/<month>/<file>. Without --uploads, or when the file is missing or not an image,
 * resolve() answers undefined and the converter keeps the original URL as a link; missing() lists each.
 */
import fs from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';

const IMAGE_FILE = /\.(jpe?g|png|gif|webp|avif)$/i;

/** The path of an upload inside wp-content/uploads, or undefined for an image that is not a WordPress upload. */
export function uploadsPath(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://relative.invalid');
  } catch {
    return undefined;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  const marker = pathname.indexOf('/wp-content/uploads/');
  if (marker >= 0) return clean(pathname.slice(marker + '/wp-content/uploads/'.length));
  if (/(^|\.)files\.wordpress\.com$/.test(parsed.hostname)) return clean(pathname.slice(1));
  return undefined;
}

const clean = (rel: string) => (rel && !rel.split('/').includes('..') ? rel : undefined);

/** The site path an upload is copied to: only the characters the content schema allows in an image path. */
export function sitePathFor(rel: string): string {
  return `/images/wp/${rel.replace(/[^A-Za-z0-9/_.-]+/g, '-').replace(/\/+/g, '/')}`;
}

export class MediaPlan {
  /** Site path → source file in the uploads folder. */
  readonly copies = new Map<string, string>();
  private readonly missingUrls = new Map<string, Set<string>>();
  private readonly resolved = new Map<string, string | undefined>();

  constructor(private readonly uploadsDir: string | undefined) {}

  /** The local path for `url`, planning its copy; undefined when there is none (then `postId` is recorded). */
  resolve(url: string, postId: string): string | undefined {
    if (!this.resolved.has(url)) this.resolved.set(url, this.find(url));
    const found = this.resolved.get(url);
    if (!found) {
      const posts = this.missingUrls.get(url) ?? new Set();
      posts.add(postId);
      this.missingUrls.set(url, posts);
    }
    return found;
  }

  /** Every image kept as a link to its original, with the posts that use it. */
  missing(): { url: string; posts: string[] }[] {
    return [...this.missingUrls].map(([url, posts]) => ({ url, posts: [...posts] }));
  }

  private find(url: string): string | undefined {
    if (!this.uploadsDir) return undefined;
    const rel = uploadsPath(url);
    if (!rel || !IMAGE_FILE.test(rel)) return undefined;
    for (const candidate of [rel, rel.replace(/-\d+x\d+(?=\.\w+$)/, '')]) {
      const file = path.join(this.uploadsDir, candidate);
      if (!isImage(file)) continue;
      const site = sitePathFor(candidate);
      this.copies.set(site, file);
      return site;
    }
    return undefined;
  }
}

/** True when `file` exists and image-size can read its dimensions, as check-content will. */
function isImage(file: string): boolean {
  try {
    const { width, height } = imageSize(fs.readFileSync(file));
    return Boolean(width && height);
  } catch {
    return false;
  }
}
