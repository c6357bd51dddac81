/** A file's size and modification time: what the loaders compare to tell that a file they read before is unchanged. */
import type fs from 'node:fs';

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/**
 * File systems keep modification times to a tick (a few milliseconds on ext4, two seconds on FAT): a file rewritten
 * with the same size within the tick in which it was read keeps its stamp. Only a stamp older than this margin
 * before the read proves the content that was read is the content still there (git's "racy clean" rule).
 */
const TICK_MARGIN_MS = 2000;

/** The stamp of a stat result. */
export const stampOf = (stat: fs.Stats): FileStamp => ({ size: stat.size, mtimeMs: stat.mtimeMs });

/** Whether what was read at `readAt` under stamp `known` may be reused for a file whose stamp is now `now`. */
export function isUnchanged(known: FileStamp, now: FileStamp, readAt: number): boolean {
  return known.size === now.size && known.mtimeMs === now.mtimeMs && now.mtimeMs < readAt - TICK_MARGIN_MS;
}
