/** What one page costs a reader: its HTML and the scripts and stylesheets the HTML loads, raw and gzipped. */
import { gzipSync } from 'node:zlib';
import { Parser } from 'htmlparser2';

export interface Bytes {
  count: number;
  raw: number;
  gzip: number;
}

export interface PageWeight {
  path: string;
  status: number;
  html: Bytes;
  js: Bytes;
  /** `<script nomodule>`: loaded only by browsers without ES modules, so not counted in `js`. */
  legacyJs: Bytes;
  css: Bytes;
  /** Addresses of the scripts and stylesheets, in document order. */
  assets: string[];
}

/** The external scripts and stylesheets a current browser loads for an HTML document (preloaded scripts included). */
export function assetsOf(html: string): { scripts: string[]; styles: string[]; legacyScripts: string[] } {
  const scripts = new Set<string>();
  const legacy = new Set<string>();
  const styles = new Set<string>();
  const parser = new Parser({
    onopentag(name, attrs) {
      // A `nomodule` script (Next's legacy polyfills) is skipped by every browser that runs modules.
      if (name === 'script' && attrs.src && !('nomodule' in attrs)) scripts.add(attrs.src);
      if (name === 'script' && attrs.src && 'nomodule' in attrs) legacy.add(attrs.src);
      if (name === 'link' && attrs.href) {
        const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
        if (rel.includes('stylesheet')) styles.add(attrs.href);
        if ((rel.includes('preload') || rel.includes('modulepreload')) && attrs.as === 'script') scripts.add(attrs.href);
      }
    },
  });
  parser.write(html);
  parser.end();
  return { scripts: [...scripts], styles: [...styles], legacyScripts: [...legacy] };
}

const gz = (buffer: Buffer) => gzipSync(buffer, { level: 6 }).length;

async function fetchBytes(url: string): Promise<{ status: number; body: Buffer }> {
  const response = await fetch(url, { headers: { 'accept-encoding': 'identity' }, signal: AbortSignal.timeout(60_000) });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

/** Fetches `path` from `base` and every asset it loads; sizes are measured on the bodies (gzip level 6, as most servers send). */
export async function measurePage(base: string, path: string): Promise<PageWeight> {
  const page = await fetchBytes(new URL(path, base).toString());
  const { scripts, styles, legacyScripts } = assetsOf(page.body.toString('utf8'));
  const total = async (urls: string[]): Promise<Bytes> => {
    const sum: Bytes = { count: urls.length, raw: 0, gzip: 0 };
    for (const url of urls) {
      const asset = await fetchBytes(new URL(url, base).toString());
      if (asset.status !== 200) throw new Error(`${url} (loaded by ${path}) answered ${asset.status}`);
      sum.raw += asset.body.length;
      sum.gzip += gz(asset.body);
    }
    return sum;
  };
  return {
    path,
    status: page.status,
    html: { count: 1, raw: page.body.length, gzip: gz(page.body) },
    js: await total(scripts),
    legacyJs: await total(legacyScripts),
    css: await total(styles),
    assets: [...scripts, ...styles],
  };
}
