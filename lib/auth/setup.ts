import 'server-only';
import { env } from '../env';
import { getSecret } from '../secret';
import { countEditors, createSetupToken } from './editors';
import { log } from '../log';

/** At start-up: the secret is made if missing (with its own log line); with no editor yet, a one-hour setup link is logged. */
export async function announceFirstEditorSetup(): Promise<void> {
  try {
    getSecret();
    if ((await countEditors()) > 0) return;
    const token = await createSetupToken();
    // Without a configured SITE_URL, point at the port this server actually listens on.
    const origin = env().siteUrlGiven ? env().SITE_URL : `http://localhost:${env().PORT}`;
    // The one deliberate secret in the log: the operator reads the one-time, one-hour link from it (docs/operations.md).
    log.info(
      'no editor account yet: open setupLink within the hour to create the first one (or run: npm run editor -- add --email <e> --name <n>)',
      {},
      { setupLink: `${origin}/editor/setup?token=${token}` },
    );
  } catch (error) {
    log.error('could not check for editor accounts at start-up', { error });
  }
}
