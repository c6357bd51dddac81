import { closeDatabase, getDatabase } from '../../db';
import { createCommentStore } from './kysely-store';
import type { CommentStore } from './types';

export type { CommentStore } from './types';

let store: { handle: unknown; store: CommentStore } | undefined;

/** The process's comment store, on the process's database. */
export async function getCommentStore(): Promise<CommentStore> {
  const handle = await getDatabase();
  if (store?.handle !== handle) store = { handle, store: createCommentStore(handle) };
  return store.store;
}

/** Closes the process's database (tests, CLI). */
export const closeCommentStore = closeDatabase;
