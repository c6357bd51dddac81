import { openDatabase } from '../../db/connect';
import { createCommentStore } from './kysely-store';
import type { CommentStore } from './types';

export type { CommentStore } from './types';

// One store per process, even when Next bundles this module into several routes.
const holder = globalThis as typeof globalThis & { __eurasianStarCommentStore?: Promise<CommentStore> };

/** The process's comment store, opened (and migrated) on first use. */
export function getCommentStore(): Promise<CommentStore> {
  holder.__eurasianStarCommentStore ??= openDatabase().then(createCommentStore, (error: unknown) => {
    holder.__eurasianStarCommentStore = undefined;
    throw error;
  });
  return holder.__eurasianStarCommentStore;
}

/** Closes the process's store, if open (tests, CLI, shutdown). */
export async function closeCommentStore(): Promise<void> {
  const store = holder.__eurasianStarCommentStore;
  holder.__eurasianStarCommentStore = undefined;
  if (store) await (await store).close();
}
