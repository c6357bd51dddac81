// Runs before every unit-test file: tests write content folders and change them under the same names, so the content
// module reads the files themselves rather than through the library cache the server and the build use.
import { configureContentReading } from './lib/content/reading';

configureContentReading({ direct: true });
