/**
 * Several servers (REDIS_URL set): a publish on one is announced on a Redis channel, and every other server then
 * publishes its own content folder (which the operator's deploy keeps the same on each). The page cache is shared
 * in Redis, so each server also marks every page stale again once its own library is in place: a page another
 * server rendered from its old library in between is not kept.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from '@redis/client';
import { env } from '../env';
import { log } from '../log';

function newClient(url: string) {
  return createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5000) } });
}
type Client = ReturnType<typeof newClient>;
const shared = globalThis as typeof globalThis & { __eurasianStarPublishBus?: { instance: string; publisher?: Promise<Client> } };

/** One id per server process (shared by every chunk of it), so a server ignores its own announcements. */
function bus() {
  return (shared.__eurasianStarPublishBus ??= { instance: randomUUID() });
}

const channel = () => `${env().REDIS_PREFIX}content:published`;

function connect(url: string, role: string): Promise<Client> {
  const client = newClient(url);
  client.on('error', (error: unknown) => log.warn('publish announcements: Redis error', { role, reason: (error as Error).message }));
  return client.connect().then(() => client);
}

/** Tells the other servers that this one has published (no-op without REDIS_URL). */
export async function announcePublish(): Promise<void> {
  const url = env().REDIS_URL;
  if (!url) return;
  const state = bus();
  try {
    state.publisher ??= connect(url, 'publisher');
    await (await state.publisher).publish(channel(), JSON.stringify({ from: state.instance, at: Date.now() }));
  } catch (error) {
    state.publisher = undefined;
    log.error('publish announcement failed: the other servers publish at their next scheduled check or publish', { reason: (error as Error).message });
  }
}

/** Calls `onPeerPublish` whenever another server announces a publish (no-op without REDIS_URL). */
export async function listenForPublishes(onPeerPublish: () => void): Promise<void> {
  const url = env().REDIS_URL;
  if (!url) return;
  const { instance } = bus();
  const subscriber = await connect(url, 'subscriber');
  await subscriber.subscribe(channel(), (message: string) => {
    try {
      if ((JSON.parse(message) as { from?: unknown }).from !== instance) onPeerPublish();
    } catch {
      log.warn('publish announcements: unreadable message ignored');
    }
  });
  log.info('publish announcements: listening', { channel: channel() });
}
