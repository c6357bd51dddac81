/** Files in the private DATA_DIR cache: they hold drafts, so only this process's user may read them. */
import fs from 'node:fs';

/** Writes `text` to `file` (mode 0600) whole and renames it into place, so a reader never sees half a file. */
export function writeWhole(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text, { mode: 0o600 });
  fs.renameSync(temp, file);
}

/** Creates the cache folder (mode 0700) when it is missing. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}
