// @ts-check
/**
 * Next.js's server cache (`cacheHandler` in next.config.js) in Redis, so that several `npm start`
 * instances share rendered pages, `unstable_cache` data and — what matters most here — on-demand
 * revalidation: an editor approves a comment on one instance, `revalidateTag` records the tag in
 * Redis, and every instance's next request for that article renders it afresh.
 *
 * Loaded by Next at run time (plain JavaScript, not bundled) only when REDIS_URL is set; see
 * docs/deployment.md. The interface is Next's documented one: get, set, revalidateTag,
 * resetRequestCache. Design:
 *  - one Redis hash per entry (`<prefix><buildId>:e:<key>`): the serialised value (node:v8, which
 *    keeps the Buffers and Maps an App Router page entry holds), its tags, and when it was
 *    written — by Redis's clock, so servers whose clocks disagree still order writes and
 *    revalidations correctly. Entries expire after a day: the store stays bounded.
 *  - two hashes of tag → time (`<prefix>tags:expired`, `<prefix>tags:stale`), the shared form of
 *    Next's own in-memory tags manifest, with the same rules. They are not per build, so a
 *    revalidation during a rolling deploy reaches both builds' entries.
 *  - reading an entry and checking its tags is one Lua script: one round trip, one clock.
 *  - Redis trouble never fails a request: a read that fails is a miss (the page renders from the
 *    database), a failed write is dropped, a failed revalidation is logged (entries still expire
 *    within the hour through `unstable_cache`'s own revalidate).
 *  - during `next build` the handler stores and returns nothing, so a build always reads the
 *    database as it is (as `npm run build` does by emptying .next/cache/fetch-cache).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { createClient, RESP_TYPES } from '@redis/client';
import { redisSettings as sharedRedisSettings, settingRules } from '../config/settings.mjs';

/** How long an entry lives in Redis at most; any page or data older than this is rendered again. */
export const ENTRY_TTL_SECONDS = 24 * 3600;
/** How long a cache read or write may take before the request goes on without it. */
const COMMAND_TIMEOUT_MS = 1000;
/** How long a request waits for the first connection before treating the cache as unavailable. */
const CONNECT_WAIT_MS = 1000;
const ERROR_LOG_INTERVAL_MS = 30_000;
/** Next's header carrying an App Router page's or route's tags (NEXT_CACHE_TAGS_HEADER). */
const TAGS_HEADER = 'x-next-cache-tags';

// KEYS: entry, expired tags, stale tags. ARGV: tags to check besides the entry's own.
// Returns nil (absent, or a tag expired after the entry was written) or { value, writtenAt, stale }.
// A revalidation in the same millisecond as the write counts as after it: one render too many, never a stale page.
const READ_SCRIPT = `
local entry = redis.call('HMGET', KEYS[1], 'v', 't', 'g')
if not entry[1] then return nil end
local written = tonumber(entry[2])
local tags = cjson.decode(entry[3])
for i = 1, #ARGV do tags[#tags + 1] = ARGV[i] end
local clock = redis.call('TIME')
local now = clock[1] * 1000 + math.floor(clock[2] / 1000)
local stale = 0
if #tags > 0 then
  local expired = redis.call('HMGET', KEYS[2], unpack(tags))
  local staled = redis.call('HMGET', KEYS[3], unpack(tags))
  for i = 1, #tags do
    local at = tonumber(expired[i])
    if at and at <= now and at >= written then return nil end
    local since = tonumber(staled[i])
    if since and since >= written then stale = 1 end
  end
end
return { entry[1], written, stale }
`;

// KEYS: entry. ARGV: value, tags (JSON array), TTL in seconds. Returns the time written (ms).
const WRITE_SCRIPT = `
local clock = redis.call('TIME')
local now = clock[1] * 1000 + math.floor(clock[2] / 1000)
redis.call('HSET', KEYS[1], 'v', ARGV[1], 't', now, 'g', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return now
`;

// KEYS: expired tags, stale tags. ARGV: mode ('now' | 'durations'), expire seconds or '', tags...
// The same rules as Next's FileSystemCache.revalidateTag: without durations a tag expires now;
// with durations it is stale now and expires after `expire` seconds.
const REVALIDATE_SCRIPT = `
local clock = redis.call('TIME')
local now = clock[1] * 1000 + math.floor(clock[2] / 1000)
for i = 3, #ARGV do
  if ARGV[1] == 'now' then
    redis.call('HSET', KEYS[1], ARGV[i], now)
  else
    redis.call('HSET', KEYS[2], ARGV[i], now)
    if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], ARGV[i], now + tonumber(ARGV[2]) * 1000) end
  end
end
return now
`;

/**
 * @typedef {{ url: string, prefix: string }} RedisSettings
 * @typedef {{ client: import('@redis/client').RedisClientType<any, any, any, any, any>, connected: Promise<unknown>, waited: boolean, lastErrorLog: number }} Connection
 */

/**
 * REDIS_URL and REDIS_PREFIX, checked by the rules lib/env.ts uses too (lib/config/settings.mjs): a bad or missing
 * value fails every request with a log line naming it (lib/env.ts reports it too).
 * @param {Record<string, string | undefined>} [environment]
 * @returns {RedisSettings}
 */
export function redisSettings(environment = process.env) {
  const settings = sharedRedisSettings(environment);
  if (!settings) throw new Error(settingRules.REDIS_URL.message);
  return settings;
}

/** The URL without its password, for log lines. */
const redact = (/** @type {string} */ url) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

/** @type {Map<string, Connection>} one connection per Redis URL in this process (Next makes a handler per request). */
const connections = new Map();

/** The process's connection to `url`, opened on first use; reconnects by itself. */
function connection(/** @type {string} */ url) {
  const existing = connections.get(url);
  if (existing) return existing;
  const client = createClient({
    url,
    // While Redis is unreachable, commands fail at once (a cache miss) instead of queueing.
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: (/** @type {number} */ retries) => Math.min(100 * 2 ** retries, 5000) },
    commandOptions: { timeout: COMMAND_TIMEOUT_MS, typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer } },
  });
  /** @type {Connection} */
  const created = { client, connected: Promise.resolve(), waited: false, lastErrorLog: 0 };
  client.on('error', (/** @type {Error} */ error) => logError(created, `connection to ${redact(url)}`, error));
  created.connected = client.connect().catch((/** @type {Error} */ error) => logError(created, `connecting to ${redact(url)}`, error));
  connections.set(url, created);
  console.log(`[eurasian-star] Next.js cache: Redis at ${redact(url)}`);
  return created;
}

/** Logs a Redis problem at most every 30 s per connection: an outage must not flood the log. */
function logError(/** @type {Connection} */ conn, /** @type {string} */ what, /** @type {unknown} */ error) {
  const now = Date.now();
  if (now - conn.lastErrorLog < ERROR_LOG_INTERVAL_MS) return;
  conn.lastErrorLog = now;
  console.error(`[eurasian-star] Next.js cache (Redis): ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
}

/** Closes this process's Redis connections (tests; a server simply exits). */
export function closeRedisCacheConnections() {
  for (const { client } of connections.values()) client.destroy();
  connections.clear();
}

/**
 * The connected client, or an error. Only the first use waits (up to CONNECT_WAIT_MS) for the first
 * connection; later, while Redis is unreachable, requests go on at once without the cache.
 */
async function readyClient(/** @type {Connection} */ conn) {
  if (!conn.client.isReady && !conn.waited) {
    /** @type {NodeJS.Timeout | undefined} */
    let timer;
    await Promise.race([conn.connected, new Promise((resolve) => (timer = setTimeout(resolve, CONNECT_WAIT_MS)))]);
    clearTimeout(timer);
    conn.waited = true;
  }
  if (!conn.client.isReady) throw new Error('Redis is not reachable');
  return conn.client;
}

/** The build this server runs, so entries of different builds never mix (their pages name different assets). */
function readBuildId(/** @type {string | undefined} */ serverDistDir) {
  if (!serverDistDir) return 'unknown';
  try {
    return readFileSync(path.join(serverDistDir, '..', 'BUILD_ID'), 'utf8').trim() || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Tags an entry is invalidated by: a page's or route's from its header, `fetch`/`unstable_cache` data's from the context. */
function tagsOf(/** @type {any} */ data, /** @type {any} */ ctx) {
  const header = data?.headers?.[TAGS_HEADER];
  if (typeof header === 'string' && header) return header.split(',');
  return Array.isArray(ctx?.tags) ? ctx.tags.map(String) : [];
}

export default class RedisCacheHandler {
  /** @param {{ serverDistDir?: string }} [options] what Next passes: serverDistDir among others */
  constructor(options = {}) {
    this.settings = redisSettings();
    // Next sets NEXT_PHASE in the build and its workers; a build reads the database, never this cache.
    this.disabled = process.env.NEXT_PHASE === 'phase-production-build';
    const buildId = readBuildId(options.serverDistDir);
    this.entryPrefix = `${this.settings.prefix}${buildId}:e:`;
    this.expiredKey = `${this.settings.prefix}tags:expired`;
    this.staleKey = `${this.settings.prefix}tags:stale`;
  }

  /**
   * The entry for `key`, or null when absent, expired by a tag, unreadable or Redis is down.
   * An entry whose tag was marked stale reports a write time of 1 ms after 1970, so Next serves it
   * and renders a fresh one in the background.
   * @param {string} key
   * @param {any} ctx
   */
  async get(key, ctx) {
    if (this.disabled) return null;
    const conn = connection(this.settings.url);
    try {
      const client = await readyClient(conn);
      const extraTags = [...(Array.isArray(ctx?.tags) ? ctx.tags : []), ...(Array.isArray(ctx?.softTags) ? ctx.softTags : [])].map(String);
      const reply = /** @type {[Buffer, number, number] | null} */ (
        await client.eval(READ_SCRIPT, { keys: [this.entryPrefix + key, this.expiredKey, this.staleKey], arguments: extraTags })
      );
      if (!reply) return null;
      const [stored, writtenAt, stale] = reply;
      const { value, cacheControl } = deserialize(stored);
      return { lastModified: stale ? 1 : Number(writtenAt), value, ...(cacheControl ? { cacheControl } : {}) };
    } catch (error) {
      logError(conn, `reading ${key}`, error);
      return null;
    }
  }

  /**
   * Stores `data` under `key` with its tags, for a day at most.
   * @param {string} key
   * @param {any} data
   * @param {any} ctx
   */
  async set(key, data, ctx) {
    if (this.disabled || !data) return;
    const conn = connection(this.settings.url);
    try {
      const client = await readyClient(conn);
      const cacheControl = ctx?.fetchCache ? undefined : ctx?.cacheControl;
      const value = serialize({ value: data, cacheControl });
      await client.eval(WRITE_SCRIPT, { keys: [this.entryPrefix + key], arguments: [value, JSON.stringify(tagsOf(data, ctx)), String(ENTRY_TTL_SECONDS)] });
    } catch (error) {
      logError(conn, `writing ${key}`, error);
    }
  }

  /**
   * Records that `tags` changed, for every instance: entries carrying them and written before now
   * are expired (or stale, with durations) on their next read.
   * @param {string | string[]} tags
   * @param {{ expire?: number }} [durations]
   */
  async revalidateTag(tags, durations) {
    const list = (typeof tags === 'string' ? [tags] : tags).map(String);
    if (this.disabled || list.length === 0) return;
    const conn = connection(this.settings.url);
    const mode = durations ? 'durations' : 'now';
    const expire = durations && typeof durations.expire === 'number' ? String(durations.expire) : '';
    try {
      const client = await readyClient(conn);
      await client.eval(REVALIDATE_SCRIPT, { keys: [this.expiredKey, this.staleKey], arguments: [mode, expire, ...list] });
    } catch (error) {
      // Not thrown: the change itself is saved; pages catch up when their hour is up.
      conn.lastErrorLog = 0;
      logError(conn, `revalidating ${list.join(', ')} (pages may show the old state for up to an hour)`, error);
    }
  }

  resetRequestCache() {}
}

// Next records a route handler's revalidateTag calls here only once the response has started
// (waitUntil); lib/comments/revalidate.ts calls this to record them before answering as well.
/** @type {any} */ (globalThis)[Symbol.for('eurasian-star.shared-next-cache')] = {
  revalidateNow: (/** @type {string[]} */ tags) => new RedisCacheHandler().revalidateTag(tags, { expire: 0 }),
};
