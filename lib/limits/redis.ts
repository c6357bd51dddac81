/**
 * The Redis connection behind the comment flood limit and the sign-in lockout when REDIS_URL is set
 * (docs/deployment.md): one client per process, every key under `<REDIS_PREFIX>limits:`. The counting
 * itself is rate-limiter-flexible's (lib/comments/flood-redis.ts, lib/auth/throttle-redis.ts); this
 * file connects, and turns an outage into one typed error so that callers refuse rather than let through.
 */
import { createClient } from '@redis/client';
import { env } from '../env';
import { log } from '../log';

/** How long one counter command may take before the request is refused. */
const COMMAND_TIMEOUT_MS = 1000;
/** How long the first request waits for the first connection. */
const CONNECT_WAIT_MS = 1000;
const LOG_INTERVAL_MS = 30_000;

/** A client for counters: while Redis is unreachable, commands fail at once instead of queueing behind the reconnection. */
function newClient(url: string) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5000) },
    commandOptions: { timeout: COMMAND_TIMEOUT_MS },
  });
}

export type LimitsClient = ReturnType<typeof newClient>;

/** Redis could not be asked, so a limit cannot be checked: the request is refused (503), never let through. */
export class LimitsUnavailableError extends Error {
  readonly code = 'LIMITS_UNAVAILABLE';

  constructor(what: string, cause: unknown) {
    super(`rate limits unavailable (${what}): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'LimitsUnavailableError';
  }
}

export interface LimitsRedis {
  /** The client rate-limiter-flexible is given; commands fail at once while it is disconnected. */
  readonly client: LimitsClient;
  /** Prefix of every limiter's keys: `<REDIS_PREFIX>limits:`. */
  readonly prefix: string;
  /**
   * Runs `work` (limiter calls) once Redis is reachable. A Redis error becomes a LimitsUnavailableError
   * (logged at most every 30 s); anything else — a RateLimiterRes refusal — passes through unchanged.
   */
  run<T>(what: string, work: () => Promise<T>): Promise<T>;
  close(): void;
}

/** The URL without its password, for log lines. */
const redact = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

/** A limits connection to `url` with keys under `<prefix>limits:` (tests open their own). */
export function openLimitsRedis(url: string, prefix: string): LimitsRedis {
  const client = newClient(url);
  let lastLog = 0;
  const logOutage = (what: string, error: unknown) => {
    const now = Date.now();
    if (now - lastLog < LOG_INTERVAL_MS) return;
    lastLog = now;
    log.error('rate limits: Redis unavailable, refusing comments and sign-ins until it is back', {
      what,
      redis: redact(url),
      reason: error instanceof Error ? error.message : String(error),
    });
  };
  client.on('error', (error: unknown) => logOutage('connection', error));
  const connected = client.connect().then(
    () => undefined,
    (error: unknown) => logOutage('connecting', error),
  );
  let waited = false;

  return {
    client,
    prefix: `${prefix}limits:`,
    async run<T>(what: string, work: () => Promise<T>): Promise<T> {
      try {
        if (!client.isReady && !waited) {
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([connected, new Promise((resolve) => (timer = setTimeout(resolve, CONNECT_WAIT_MS)))]);
          clearTimeout(timer);
          waited = true;
        }
        if (!client.isReady) throw new Error('Redis is not reachable');
        return await work();
      } catch (error) {
        if (!(error instanceof Error) || error instanceof LimitsUnavailableError) throw error;
        logOutage(what, error);
        throw new LimitsUnavailableError(what, error);
      }
    },
    close: () => client.destroy(),
  };
}

let shared: LimitsRedis | null | undefined;

/** The process's limits connection, or null when REDIS_URL is unset (the counters stay in the database). */
export function limitsRedis(): LimitsRedis | null {
  if (shared !== undefined) return shared;
  const { REDIS_URL, REDIS_PREFIX } = env();
  shared = REDIS_URL ? openLimitsRedis(REDIS_URL, REDIS_PREFIX) : null;
  if (shared) log.info('rate limits: flood and sign-in counters in Redis', { prefix: shared.prefix });
  return shared;
}

/** Closes the process's limits connection (tests, CLI). */
export function closeLimitsRedis(): void {
  shared?.close();
  shared = undefined;
}

/** Seconds for rate-limiter-flexible, which counts whole seconds: never less than one. */
export const wholeSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
