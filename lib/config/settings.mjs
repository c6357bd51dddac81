// @ts-check
/**
 * The rules for the settings that plain-Node modules read as well as lib/env.ts (server.mjs,
 * lib/cache/redis-cache-handler.mjs): one pattern, one message and one default each, so that the zod schema
 * and the .mjs readers cannot disagree. Plain JavaScript so that Node loads it without a build; reads nothing
 * itself: each function is handed the environment it checks.
 */

/**
 * @typedef {{ pattern: RegExp, message: string, default?: string }} SettingRule
 * @typedef {Record<string, string | undefined>} Environment
 */

/** The shared rules, by variable name. */
export const settingRules = {
  TRUST_PROXY: {
    pattern: /^(0|[1-9][0-9]?)$/,
    message: 'TRUST_PROXY is the number of reverse proxies in front of the site (0 when none)',
    default: '0',
  },
  REDIS_URL: {
    pattern: /^rediss?:\/\/\S+$/,
    message: 'REDIS_URL must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379/0',
  },
  REDIS_PREFIX: {
    pattern: /^[\w:.-]{1,64}$/,
    message: 'REDIS_PREFIX must be 1–64 letters, digits, or : . _ -',
    default: 'eurasian-star:',
  },
  PORT: {
    pattern: /^[1-9][0-9]{0,4}$/,
    message: 'PORT must be the TCP port to listen on, such as 3000',
    default: '3000',
  },
  HOST: {
    pattern: /^\S+$/,
    message: 'HOST must be the address to listen on, such as 0.0.0.0 or 127.0.0.1',
    default: '0.0.0.0',
  },
  READER_RUNTIME: {
    pattern: /^(none|next)$/,
    message: "READER_RUNTIME must be none (reader pages carry only the site's own script) or next (Next's client runtime too)",
    default: 'none',
  },
};

/** @typedef {keyof typeof settingRules} SettingName */

/**
 * The value of `name` in `environment`, or its default when unset (undefined when it has none); a value
 * that breaks the rule throws an Error with the rule's message.
 * @param {Environment} environment
 * @param {SettingName} name
 * @returns {string | undefined}
 */
export function setting(environment, name) {
  /** @type {SettingRule} */
  const rule = settingRules[name];
  const value = environment[name] ?? rule.default;
  if (value !== undefined && !rule.pattern.test(value)) throw new Error(rule.message);
  return value;
}

/**
 * How many reverse proxies in front of the site append to X-Forwarded-For (TRUST_PROXY, default 0).
 * @param {Environment} environment
 * @returns {number}
 */
export function trustedProxies(environment) {
  return Number(setting(environment, 'TRUST_PROXY'));
}

/**
 * Where the server listens (PORT, default 3000; HOST, default 0.0.0.0).
 * @param {Environment} environment
 * @returns {{ port: number, host: string }}
 */
export function listenAddress(environment) {
  return { port: Number(setting(environment, 'PORT')), host: /** @type {string} */ (setting(environment, 'HOST')) };
}

/**
 * REDIS_URL and REDIS_PREFIX (default `eurasian-star:`), checked; null when REDIS_URL is unset.
 * @param {Environment} environment
 * @returns {{ url: string, prefix: string } | null}
 */
export function redisSettings(environment) {
  const url = setting(environment, 'REDIS_URL');
  if (url === undefined) return null;
  return { url, prefix: /** @type {string} */ (setting(environment, 'REDIS_PREFIX')) };
}

/**
 * Whether reader pages are sent without Next's client runtime (READER_RUNTIME, default `none`:
 * lib/server/client-runtime.mjs); `next` sends them as Next renders them.
 * @param {Environment} environment
 * @returns {boolean}
 */
export function readerPagesWithoutRuntime(environment) {
  return setting(environment, 'READER_RUNTIME') === 'none';
}
