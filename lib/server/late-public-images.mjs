// @ts-check
/**
 * Images added to public/images/ after the server started (an import, or any `npm run publish` that brings new
 * pictures): Next's production server lists public/ once at start and answers 404 for a file it did not see then, so
 * a published article would show a broken image until a restart. server.mjs hands such a request here first; only a
 * raster image under /images/ that did not exist at start is answered (everything Next knows stays Next's), with the
 * headers Next gives public files.
 */
import fs from 'node:fs';
import path from 'node:path';

const IMAGE = /^\/images\/[A-Za-z0-9/_.-]+\.(jpe?g|png|gif|webp|avif)$/i;
const TYPES = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif' };

/**
 * Every file under `dir`, as site paths (/images/x.jpg).
 * @param {string} publicDir
 * @returns {Set<string>}
 */
function listImages(publicDir) {
  const root = path.join(publicDir, 'images');
  /** @type {Set<string>} */
  const found = new Set();
  try {
    for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) found.add(`/${path.relative(publicDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')}`);
    }
  } catch {
    // No public/images yet: every image is a late one.
  }
  return found;
}

/**
 * A request handler for images under `publicDir` that appeared after this call; it returns true when it answered.
 * @param {string} publicDir
 */
export function latePublicImages(publicDir) {
  const atStart = listImages(publicDir);
  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const pathname = (req.url ?? '').split('?', 1)[0] ?? '';
    if (!IMAGE.test(pathname) || pathname.includes('..') || atStart.has(pathname)) return false;
    const file = path.join(publicDir, pathname);
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return false;
    }
    if (!stat.isFile()) return false;
    const ext = /** @type {keyof typeof TYPES} */ (pathname.split('.').pop()?.toLowerCase());
    res.statusCode = 200;
    res.setHeader('Content-Type', TYPES[ext]);
    res.setHeader('Content-Length', stat.size);
    res.setHeader('Cache-Control', 'public, max-age=0');
    res.setHeader('Last-Modified', stat.mtime.toUTCString());
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
    return true;
  };
}
