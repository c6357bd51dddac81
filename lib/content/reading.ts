/**
 * How lib/content reads the content folder. The default is the server's and the build's: the library cache on disk
 * (DATA_DIR/cache) and one state per process and folder. Tests rewrite content folders under the same names and reset
 * modules to read them again, so they ask for direct reads instead (vitest.setup.ts). The choice is kept on
 * globalThis, not in a module variable, so that it holds for every instance of the content module in the process.
 */
export interface ContentReading {
  /** Read the files themselves every time a module instance first needs them: no cache on disk, no state shared between instances. */
  direct: boolean;
}

const READING = Symbol.for('eurasian-star.content.reading');
type Holder = { [READING]?: ContentReading };

/** Sets how every instance of lib/content in this process reads content from now on. */
export function configureContentReading(reading: ContentReading): void {
  (globalThis as Holder)[READING] = reading;
}

/** Whether lib/content reads the files directly (tests) rather than through the library cache (the default). */
export const readsContentDirectly = (): boolean => (globalThis as Holder)[READING]?.direct === true;
