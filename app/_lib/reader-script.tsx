import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { READER_SCRIPT_PATH } from '@/lib/server/client-runtime.mjs';

/**
 * The address of public/reader.js with its content hash, read once when the page module loads (at build), so that a
 * browser's copy is the one this build's pages were made with.
 */
const readerScriptUrl = (() => {
  const text = readFileSync(path.join(process.cwd(), 'public', READER_SCRIPT_PATH), 'utf8');
  return `${READER_SCRIPT_PATH}?v=${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
})();

/**
 * The site's own script for the elements on reader pages that ask for it with `data-enhance` (public/reader.js).
 * Rendered `async`, React puts it once in the page's <head> however many components ask for it; the script waits for
 * the document itself.
 */
export function ReaderScript() {
  return <script async src={readerScriptUrl} />;
}
