// @ts-check

// Page 1 of every list lives at the list's own address.
const firstPageRedirects = ['/page/1', '/category/:slug/page/1', '/tag/:slug/page/1', '/author/:slug/page/1', '/archive/:year/page/1', '/archive/:year/:month/page/1'].map(
  (source) => ({ source, destination: source.replace(/\/page\/1$/, '') || '/', permanent: true }),
);

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Articles are read from content/ with fs; never copy that folder (drafts included) into traced output.
  outputFileTracingExcludes: { '*': ['content/**'] },
  async redirects() {
    return firstPageRedirects;
  },
};

module.exports = nextConfig;
