import { describe, expect, it } from 'vitest';
import { envSchema } from '../env';
import { listenAddress, redisSettings, settingRules, trustedProxies } from './settings.mjs';

/** The messages the zod schema gives for `environment`, by variable. */
const schemaErrors = (environment: Record<string, string>) =>
  Object.fromEntries((envSchema.safeParse(environment).error?.issues ?? []).map((issue) => [String(issue.path[0]), issue.message]));

describe('the shared setting rules (lib/config/settings.mjs)', () => {
  it('give the defaults the schema gives', () => {
    const parsed = envSchema.parse({});
    expect(trustedProxies({})).toBe(parsed.TRUST_PROXY);
    expect(listenAddress({})).toEqual({ port: parsed.PORT, host: parsed.HOST });
    expect(redisSettings({ REDIS_URL: 'redis://127.0.0.1:6379/0' })).toEqual({ url: 'redis://127.0.0.1:6379/0', prefix: parsed.REDIS_PREFIX });
  });

  it('read TRUST_PROXY, PORT and HOST as numbers and text', () => {
    expect(trustedProxies({ TRUST_PROXY: '2' })).toBe(2);
    expect(listenAddress({ PORT: '8080', HOST: '127.0.0.1' })).toEqual({ port: 8080, host: '127.0.0.1' });
  });

  it('answer null for Redis when REDIS_URL is unset', () => {
    expect(redisSettings({})).toBeNull();
  });

  it('refuse a bad value with the message the schema reports for it', () => {
    const bad = { TRUST_PROXY: 'two', PORT: 'http', REDIS_URL: 'http://127.0.0.1:6379', REDIS_PREFIX: 'has space' };
    expect(() => trustedProxies(bad)).toThrow(settingRules.TRUST_PROXY.message);
    expect(() => listenAddress(bad)).toThrow(settingRules.PORT.message);
    expect(() => redisSettings(bad)).toThrow(settingRules.REDIS_URL.message);
    expect(() => redisSettings({ ...bad, REDIS_URL: 'redis://127.0.0.1' })).toThrow(settingRules.REDIS_PREFIX.message);
    expect(schemaErrors(bad)).toMatchObject({
      TRUST_PROXY: settingRules.TRUST_PROXY.message,
      PORT: settingRules.PORT.message,
      REDIS_URL: settingRules.REDIS_URL.message,
      REDIS_PREFIX: settingRules.REDIS_PREFIX.message,
    });
  });
});
