/** Test helpers for code that keeps state in Redis: a real Redis at TEST_REDIS_URL, a key prefix per run. */
import { randomBytes } from 'node:crypto';
import { createClient } from '@redis/client';

/** The Redis tests run against (CI: redis://127.0.0.1:6379/0); tests that need it are skipped without it. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL;

/** An address where nothing listens: a Redis that is down. */
export const CLOSED_REDIS_URL = 'redis://127.0.0.1:1/0';

/** A key prefix of its own for one test run, so runs never see each other's keys. */
export const testRedisPrefix = (name: string) => `es-test-${name}-${randomBytes(4).toString('hex')}:`;

/** A plain client for looking at what the code under test stored; `close()` deletes every key under `prefix` first. */
export async function inspectRedis(url: string, prefix: string) {
  const client = createClient({ url });
  await client.connect();
  const keys = async (): Promise<string[]> => {
    const found: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) found.push(...batch);
    return found.sort();
  };
  return {
    client,
    keys,
    /** A counter's value, or null when the key does not exist. */
    count: async (key: string) => {
      const value = await client.get(key);
      return value === null ? null : Number(value);
    },
    close: async () => {
      const all = await keys();
      if (all.length) await client.del(all);
      client.destroy();
    },
  };
}
