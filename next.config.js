// @ts-check

// Page 1 of every list lives at the list's own address.
const firstPageRedirects = ['/page/1', '/category/:slug/page/1', '/tag/:slug/page/1', '/author/:slug/page/1', '/archive/:year/page/1', '/archive/:year/:month/page/1'].map(
  (source) => ({ source, destination: source.replace(/\/page\/1$/, '') || '/', permanent: true }),
);

// The addresses WordPress gave the feeds, kept working for existing subscribers.
const wordpressFeedRedirects = [
  { source: '/feed', destination: '/feed.xml', permanent: true },
  { source: '/category/:slug/feed', destination: '/category/:slug/feed.xml', permanent: true },
  { source: '/tag/:slug/feed', destination: '/tag/:slug/feed.xml', permanent: true },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // server.mjs compresses (lib/server/: the page policy hashes a page's inline scripts before compression).
  compress: false,
  // Inlined into the server code at build: an article dated after this stays unpublished until the next build,
  // even when the running server's clock has passed its date.
  env: { EURASIAN_STAR_BUILT_AT: new Date().toISOString() },
  reactStrictMode: true,
  // Several servers: with REDIS_URL set (for the build and for every `npm start`), Next's page and data cache and its
  // on-demand revalidation live in Redis, shared by every instance. Unset, each server keeps its own (docs/deployment.md).
  ...(process.env.REDIS_URL ? { cacheHandler: require.resolve('./lib/cache/redis-cache-handler.mjs'), cacheMaxMemorySize: 0 } : {}),
  // The image optimiser (/_next/image): only raster files under public/images/, never a remote URL or an SVG
  // (an SVG is a document that can carry script). Its answers get their own locked-down policy; see docs/security.md.
  images: {
    remotePatterns: [],
    localPatterns: [{ pathname: '/images/**', search: '' }],
    dangerouslyAllowSVG: false,
    dangerouslyAllowLocalIP: false,
    contentDispositionType: 'attachment',
    contentSecurityPolicy: "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox",
  },
  // Articles are read from content/ with fs; never copy that folder (drafts included) into traced output.
  outputFileTracingExcludes: { '*': ['content/**'] },
  async redirects() {
    return [...firstPageRedirects, ...wordpressFeedRedirects];
  },
  async headers() {
    // A card's file name is the hash of what it draws: a new headline is a new address, so caches may keep these for ever.
    return [{ source: '/og/:kind/:slug/:file', headers: [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }] }];
  },
};

module.exports = nextConfig;
